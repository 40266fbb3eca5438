namespace FineTuning.Toolkit.Datasets;

/// <summary>Guards for commands that read one file and write others.</summary>
internal static class DataprepPaths
{
    /// <summary>Throws when an output would overwrite the input (the input is read while the output is written).</summary>
    public static void EnsureDistinct(string inputPath, params string?[] outputPaths)
    {
        var input = Path.GetFullPath(inputPath);
        foreach (var output in outputPaths)
        {
            if (output is not null && string.Equals(input, Path.GetFullPath(output), StringComparison.Ordinal))
            {
                throw new ArgumentException($"The output '{output}' would overwrite the input; choose another path.", nameof(outputPaths));
            }
        }
    }
}
