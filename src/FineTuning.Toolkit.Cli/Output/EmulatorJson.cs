namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk emulator --json</c>: printed once when it listens (then it keeps serving). The key is a public test key, not a secret.</summary>
internal sealed record EmulatorJson(string BaseUrl, string AzureBaseUrl, string ApiKey, double Speed, string? DataFolder, DateTimeOffset? TrainingShutdownAt, DateTimeOffset? ModelRetirementAt);
