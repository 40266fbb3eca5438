namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>How one measure's gap on one probe moved from the baseline to the candidate.</summary>
/// <param name="ProbeId">The probe.</param>
/// <param name="Measure">The measure.</param>
/// <param name="BaselineGap">The baseline's gap magnitude.</param>
/// <param name="CandidateGap">The candidate's gap magnitude.</param>
/// <param name="BaselineHighGroup">The group the baseline favoured (highest value).</param>
/// <param name="CandidateHighGroup">The group the candidate favoured.</param>
/// <param name="Threshold">The smallest gap magnitude treated as meaningful for this measure.</param>
/// <param name="Shift">The classification.</param>
public sealed record BiasGapChange(string ProbeId, string Measure, double BaselineGap, double CandidateGap, string BaselineHighGroup, string CandidateHighGroup, double Threshold, BiasShift Shift);
