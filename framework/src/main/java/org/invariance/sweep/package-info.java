/**
 * Sweeps: the points of a {@code sweep:} section run one by one (or by a cluster's workers), each in
 * its own run directory under {@code points/}, then a summary across points (headline numbers with
 * mean, standard deviation, 95% interval and n; claims as "held in k of n seeds") and the sweep's
 * report.
 */
package org.invariance.sweep;
