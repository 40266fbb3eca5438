namespace FineTuning.Toolkit.Datasets;

/// <summary>Options of <see cref="JsonlWriter"/>.</summary>
public sealed class JsonlWriterOptions
{
    /// <summary>Gets or sets a value indicating whether the file starts with a UTF-8 byte-order mark (Azure's documentation asks for one; OpenAI does not).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool WriteByteOrderMark { get; set; }

    /// <summary>Gets or sets a value indicating whether an existing file at the destination may be replaced on commit.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Overwrite { get; set; } = true;

    internal static JsonlWriterOptions Default { get; } = new();
}
