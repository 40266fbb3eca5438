using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

/// <summary>
/// The official OpenAI Node SDK streams from the emulator. Runs only where node is installed and the SDK has been
/// installed beside the script (<c>cd tests/FineTuning.Toolkit.Testing.Tests/NodeSdk &amp;&amp; npm install</c>): tests
/// never reach a registry themselves.
/// </summary>
public sealed class NodeSdkTests
{
    [Fact]
    public async Task Node_sdk_streams_a_chat_completion_with_usage()
    {
        var folder = Path.Combine(Path.GetDirectoryName(SourcePath())!, "..", "NodeSdk");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "openai")) || FindNode() is not { } node)
        {
            return; // Not set up on this machine (see the class summary).
        }

        await using var emulator = await OpenAIEmulator.StartAsync();
        var start = new ProcessStartInfo(node) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("stream.mjs");
        start.ArgumentList.Add(emulator.BaseUrl.ToString());
        start.ArgumentList.Add(emulator.ApiKey);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await stderr);

        var result = JsonNode.Parse(await stdout)!;
        using var http = Raw.Client(emulator);
        var (_, whole, _) = await Raw.SendAsync(http, HttpMethod.Post, "chat/completions",
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Tell me about fine-tuning."}],"temperature":0}""");
        Assert.Equal((string?)whole["choices"]![0]!["message"]!["content"], (string?)result["text"]);
        Assert.Equal("stop", (string?)result["finish"]);
        Assert.True((int)result["usage"]!["total_tokens"]! > 0);
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;

    private static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "node.exe" : "node"))
            .FirstOrDefault(File.Exists);
}
