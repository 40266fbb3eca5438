using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Cli.Tests;

/// <summary>
/// An emulator, a temporary folder and OPENAI_API_KEY set to the emulator's key for in-process <c>ftk</c> runs; all
/// undone on dispose. Tests using it change the environment, so they belong to the EnvironmentCollection.
/// </summary>
internal sealed class CliEmulatorSession : IAsyncDisposable
{
    private readonly string? _previousKey;

    private CliEmulatorSession(OpenAIEmulator emulator, string prefix)
    {
        Emulator = emulator;
        Folder = Directory.CreateTempSubdirectory(prefix).FullName;
        _previousKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", emulator.ApiKey);
    }

    public OpenAIEmulator Emulator { get; }

    public string Folder { get; }

    /// <summary>The connection options of every service command: <c>--base-url</c> the emulator.</summary>
    public string[] Net => ["--base-url", Emulator.BaseUrl.ToString()];

    public static async Task<CliEmulatorSession> StartAsync(OpenAIEmulatorOptions options, string prefix = "ftk-cli-") =>
        new(await OpenAIEmulator.StartAsync(options), prefix);

    /// <summary>Writes <paramref name="content"/> to a file in <see cref="Folder"/> and returns its path.</summary>
    public string Write(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Twelve chat lines <c>q0</c>→<c>a0</c> … (the platform's minimum is 10).</summary>
    public static string ChatLines(string prompt = "q", string answer = "a") =>
        string.Concat(Enumerable.Range(0, 12).Select(i => $"{{\"messages\":[{{\"role\":\"user\",\"content\":\"{prompt}{i}\"}},{{\"role\":\"assistant\",\"content\":\"{answer}{i}\"}}]}}\n"));

    public async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", _previousKey);
        await Emulator.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
