namespace FineTuning.Toolkit.Datasets.Conversion;

/// <summary>Options for <see cref="DatasetConverter.ChatToEvalSetAsync"/>.</summary>
public sealed class EvalSetConversionOptions
{
    /// <summary>Gets or sets the prefix of generated ids (<c>line-12</c>); an example's own top-level <c>id</c> is used when it has one.</summary>
    /// <value>The default is <c>"line-"</c>.</value>
    public string IdPrefix { get; set; } = "line-";
}
