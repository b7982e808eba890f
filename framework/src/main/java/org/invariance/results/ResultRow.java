package org.invariance.results;

import java.util.List;

/** One number of a probe with what identifies it. */
public record ResultRow(String model, String dataset, List<Object> keys, String metric, double value) {}
