package org.passerelle.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class HourlyAnomalyTest {

    @Test
    void theUsualLevelIsTheMedianSoThatOneBusyWeekDoesNotRaiseIt() {
        assertEquals(200.0, HourlyAnomaly.median(List.of(100L, 200L, 9000L)));
        assertEquals(150.0, HourlyAnomaly.median(List.of(100L, 200L, 9000L, 50L)));
    }

    @Test
    void aVolumeAboveThreeTimesTheMedianIsAnAnomaly() {
        assertTrue(HourlyAnomaly.anomalous(601, List.of(200L, 200L, 200L, 200L)));
        assertFalse(HourlyAnomaly.anomalous(600, List.of(200L, 200L, 200L, 200L)));
    }

    @Test
    void aQuietApplicationOrOneWithoutHistoryRaisesNothing() {
        assertFalse(HourlyAnomaly.anomalous(99, List.of(1L, 1L, 1L, 1L)), "a few messages are no anomaly");
        assertFalse(HourlyAnomaly.anomalous(5000, List.of(10L)), "one week of history is not a usual level");
        assertTrue(HourlyAnomaly.anomalous(100, List.of(0L, 0L)), "a silent hour that sends a hundred is one");
    }
}
