package org.passerelle.content.spam;

/**
 * What a spam score means here, the rules the replaced gateways' operators used: from the tag score
 * (5) the subject is tagged and the level is {@code HIGH}; from the medium score (4) {@code MEDIUM};
 * from the low score (3) {@code LOW}; below, nothing. From the reject score, when one is set, the
 * message is refused instead.
 *
 * @param rejectScore {@code null}: never refused for its score
 */
public record SpamRules(double tagScore, double mediumScore, double lowScore, Double rejectScore) {

    public SpamRules {
        if (!(lowScore <= mediumScore && mediumScore <= tagScore)) {
            throw new IllegalArgumentException("spam scores must rise: low " + lowScore + " <= medium " + mediumScore
                    + " <= tag " + tagScore);
        }
        if (rejectScore != null && rejectScore < tagScore) {
            throw new IllegalArgumentException("the reject score " + rejectScore + " must not be below the tag score " + tagScore);
        }
    }

    public SpamLevel level(double score) {
        if (score >= tagScore) {
            return SpamLevel.HIGH;
        }
        if (score >= mediumScore) {
            return SpamLevel.MEDIUM;
        }
        return score >= lowScore ? SpamLevel.LOW : SpamLevel.NONE;
    }

    public boolean tagsSubject(double score) {
        return score >= tagScore;
    }

    public boolean refuses(double score) {
        return rejectScore != null && score >= rejectScore;
    }
}
