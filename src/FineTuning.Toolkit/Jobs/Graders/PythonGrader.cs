using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>Runs Python code (<c>def grade(sample, item) -&gt; float</c>) to score the output.</summary>
public sealed class PythonGrader : Grader
{
    /// <summary>The largest source the services accept (256 KB on Azure).</summary>
    public const int MaxSourceBytes = 256 * 1024;

    /// <summary>Initializes a new instance of the <see cref="PythonGrader"/> class.</summary>
    /// <param name="name">The grader name.</param>
    /// <param name="source">The Python source.</param>
    /// <param name="imageTag">The image tag to run it in, or <see langword="null"/>.</param>
    public PythonGrader(string name, string source, string? imageTag = null)
        : base(name)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
        ImageTag = imageTag;
    }

    /// <inheritdoc/>
    public override string Type => "python";

    /// <summary>Gets the Python source.</summary>
    public string Source { get; }

    /// <summary>Gets the image tag, if any.</summary>
    public string? ImageTag { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Source.Contains("def grade", StringComparison.Ordinal))
        {
            errors.Add($"python grader '{Name}': the source must define grade(sample, item).");
        }

        if (System.Text.Encoding.UTF8.GetByteCount(Source) > MaxSourceBytes)
        {
            errors.Add($"python grader '{Name}': the source exceeds {MaxSourceBytes} bytes.");
        }

        return errors;
    }

    private protected override void AddTo(JsonObject json)
    {
        json["source"] = Source;
        if (ImageTag is not null)
        {
            json["image_tag"] = ImageTag;
        }
    }
}
