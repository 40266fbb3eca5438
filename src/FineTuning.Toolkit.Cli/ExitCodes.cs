namespace FineTuning.Toolkit.Cli;

/// <summary>Process exit codes shared by every <c>ftk</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked and found no errors.</summary>
    public const int Success = 0;

    /// <summary>The command ran but the input has errors (e.g. a dataset failed validation, a job failed).</summary>
    public const int Failure = 1;

    /// <summary>The arguments are wrong or a file cannot be read or written.</summary>
    public const int UsageOrIo = 2;

    /// <summary>The user pressed Ctrl+C.</summary>
    public const int Cancelled = 130;
}
