/**
 * The one request pipeline of the four APIs: {@link io.netpulse.query.pipeline.Pipeline#routes} puts an
 * {@link io.netpulse.query.pipeline.ApiFilter} (authenticate, read Accept, {@link
 * io.netpulse.query.pipeline.RequestContext}) ahead of each API's routes, {@link io.netpulse.query.pipeline.Placement}
 * reads or asks for the data, {@link io.netpulse.query.pipeline.Bulkhead} bounds expensive plans, and
 * {@link io.netpulse.query.pipeline.ProblemAnswers} answers every failure in the asking API's shape. The
 * {@link io.netpulse.query.pipeline.InternalMirror}s other instances forward to are served on the peer listener only,
 * behind {@link io.netpulse.query.pipeline.PeerAccess}.
 */
package io.netpulse.query.pipeline;
