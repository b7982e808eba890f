/**
 * The clustered bus: a coordinator spreads a run's units of work (training one model, named by its
 * model-store key; the probes of one point) over workers that joined a Vert.x cluster (Hazelcast
 * cluster manager, TCP-IP join). Units are pulled by idle workers (back-pressure), leased in a
 * Hazelcast map with a backup, renewed by a heartbeat and offered again when a worker leaves or
 * goes silent. Models and result files move by content hash in binary chunks, never as JSON.
 */
package org.invariance.cluster;
