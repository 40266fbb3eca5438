namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>A progress report of a running evaluation.</summary>
/// <param name="Completed">Calls finished in this run (including cache hits and failures).</param>
/// <param name="Total">Calls the run will make in all, when known (null while the set is still being read).</param>
/// <param name="Cached">Calls answered from the response cache.</param>
/// <param name="Failed">Calls that failed after retries.</param>
/// <param name="Resumed">Triples skipped because an earlier run already completed them.</param>
/// <param name="Retries">Retries made so far (429s, 5xx, timeouts).</param>
public sealed record EvalRunProgress(int Completed, int? Total, int Cached, int Failed, int Resumed, int Retries);
