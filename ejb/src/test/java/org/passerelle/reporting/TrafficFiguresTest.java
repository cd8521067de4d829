package org.passerelle.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrafficFiguresTest {

    @Test
    void splitsCumulativeCountsIntoAgeBuckets() {
        // 10 queued: 2 younger than 5 min, 5 younger than 1 h, 5 younger than 4 h, 9 younger than a day
        assertEquals(List.of(2L, 3L, 0L, 4L, 1L), TrafficFigures.buckets(List.of(2L, 5L, 5L, 9L), 10));
    }
}
