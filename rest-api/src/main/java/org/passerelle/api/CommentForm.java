package org.passerelle.api;

/** The JSON body of a transition: why ({@code {"comment": "..."}}). */
public record CommentForm(String comment) {
}
