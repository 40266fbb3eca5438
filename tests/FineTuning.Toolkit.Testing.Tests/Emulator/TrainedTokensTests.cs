using System.Text.Json.Nodes;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Tokenization;
using OpenAI.Files;
using OpenAI.FineTuning;
using Xunit.Abstractions;
using FineTuning.Toolkit.Jobs.Methods;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

/// <summary>The emulator bills what the library estimates: same token counts, same automatic epochs.</summary>
public sealed class TrainedTokensTests(ITestOutputHelper output)
{
    private static readonly string Gsm8k = Path.Combine(AppContext.BaseDirectory, "TestData", "gsm8k-chat-50.jsonl");

    [Theory]
    [InlineData(null)]
    [InlineData(2)]
    public async Task Trained_tokens_equal_the_library_estimate_for_the_same_file(int? epochs)
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(FineTuningSdkTests.WithClock(clock));
        var client = emulator.CreateOpenAIClient();
        var file = await client.GetOpenAIFileClient().UploadFileAsync(BinaryData.FromBytes(await File.ReadAllBytesAsync(Gsm8k)), "gsm8k.jsonl", FileUploadPurpose.FineTune);
        var tuning = client.GetFineTuningClient();
        var job = await tuning.FineTuneAsync("gpt-4o-mini", file.Value.Id, waitUntilCompleted: false, new FineTuningOptions
        {
            TrainingMethod = epochs is { } e ? FineTuningTrainingMethod.CreateSupervised(epochCount: e) : FineTuningTrainingMethod.CreateSupervised(),
        });
        clock.Advance(TimeSpan.FromHours(1));
        var raw = (await tuning.GetJobAsync(job.JobId)).GetRawResponse().Content.ToObjectFromJson<JsonObject>()!;
        Assert.Equal("succeeded", (string?)raw["status"]);
        var trained = raw["trained_tokens"]!.GetValue<long>();
        var emulatedEpochs = raw["method"]!["supervised"]!["hyperparameters"]!["n_epochs"]!.GetValue<int>();

        // The library's estimate, as `ftk validate --model` computes it: one validator pass with exact token counts.
        var encoding = TiktokenEncoding.ForModel("gpt-4o-mini-2024-07-18");
        var counter = new ChatTokenCounter(encoding);
        var observer = new TokenStatisticsObserver((line, example) => counter.Count(example).ToExampleTokenCounts(line), encoding.Name);
        var options = new DatasetValidationOptions();
        options.Observers.Add(observer);
        await DatasetValidator.ValidateAsync(Gsm8k, options);
        var estimate = new TrainingCostEstimator(ModelCatalog.BuiltIn).Estimate(
            new TrainingEstimateRequest { Provider = "openai", Model = "gpt-4o-mini", Epochs = epochs },
            observer.Statistics);

        output.WriteLine($"epochs {emulatedEpochs}: emulator trained_tokens {trained}, library estimate {estimate.BilledTokens}");
        Assert.Equal(epochs ?? EpochHeuristic.ForExampleCount(50), estimate.Epochs);
        Assert.Equal(estimate.Epochs, emulatedEpochs);
        Assert.Equal(estimate.BilledTokens, trained);
        Assert.Equal(observer.Statistics.TotalTokens * estimate.Epochs, trained);
    }
}
