package org.invariance.plugins.invariancescore;

/**
 * One layer's summary: how many neurons it has, how many were scored and why the others were not,
 * and over its top {@code top} scored neurons (highest score first, lower index on a tie) the mean
 * score, local firing rate L and global firing rate G. The last three are NaN when none was scored.
 */
record LayerScores(int neurons, int scored, int constant, int ties, int top, double score, double local, double global) {}
