using System.Diagnostics;
using System.Globalization;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.AI;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Running;

namespace FineTuning.Toolkit.Benchmarks.Evaluation;

/// <summary>
/// Console benchmark: how close the evaluation runner gets to a rate limit without failing items.
/// <c>dotnet run -c Release --project tests/FineTuning.Toolkit.Benchmarks -- eval-throughput [--rpm 600] [--tpm 60000] [--seconds 60] [--concurrency 32]</c>.
/// Starts the emulator with the limits (it answers 429 with retry-after beyond them, counting a sliding minute of
/// prompt tokens plus max_tokens as OpenAI does), runs the runner with the same limits and prints the achieved
/// requests and tokens per minute as a percentage of the limits.
/// </summary>
internal static class EvalThroughputBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rpm = Arg(args, "--rpm", 600);
        var tpm = Arg(args, "--tpm", 60_000);
        var seconds = Arg(args, "--seconds", 60);
        var concurrency = Arg(args, "--concurrency", 32);
        const int maxTokens = 60;

        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { RequestsPerMinute = rpm, TokensPerMinute = tpm });
        var client = emulator.CreateOpenAIClient(maxRetries: 0);
        var target = new EvalTarget("base", client.GetChatClient("gpt-4o-mini").AsIChatClient(), "gpt-4o-mini") { MaxOutputTokens = maxTokens };
        // Enough items to keep the runner busy for the whole window at the request limit.
        var count = (int)Math.Ceiling(rpm * seconds / 60.0);
        var items = Enumerable.Range(0, count)
            .Select(i => EvalItem.FromPrompt($"i{i}", $"Classify support ticket number {i} about a delayed refund for order {i * 7}."))
            .ToList();
        var tokensPerRequest = items.Select(i => EvalRunner.EstimateTokens(target.ModelId, i.Input) + maxTokens).Average();

        var watch = Stopwatch.StartNew();
        var summary = await new EvalRunner().RunAsync(items, [target], [], new EvalRunOptions
        {
            MaxConcurrency = concurrency,
            RequestsPerMinute = rpm,
            TokensPerMinute = tpm,
        });
        watch.Stop();

        var minutes = watch.Elapsed.TotalMinutes;
        var requests = emulator.State.CountRequests("POST", "/v1/chat/completions");
        var succeeded = summary.Results.Count(r => r.Succeeded);
        var achievedRpm = succeeded / minutes;
        var achievedTpm = succeeded * tokensPerRequest / minutes;
        var bindingShare = Math.Max(achievedRpm / rpm, achievedTpm / tpm);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"eval-throughput: {succeeded}/{count} items in {watch.Elapsed.TotalSeconds:0.0} s, {summary.Failed} failed, {summary.Retries} retries (429s), {requests} HTTP requests"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  requests: {achievedRpm:0.0}/min = {100 * achievedRpm / rpm:0.0}% of {rpm} RPM"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  tokens:   {achievedTpm:0}/min = {100 * achievedTpm / tpm:0.0}% of {tpm} TPM ({tokensPerRequest:0.0} tokens per request: prompt by tiktoken + max_tokens {maxTokens})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  binding limit used: {100 * bindingShare:0.0}% (target >= 95% with 0 failed items): {(bindingShare >= 0.95 && summary.Failed == 0 ? "PASS" : "FAIL")}"));
        return summary.Failed == 0 ? 0 : 1;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
