// samples/QuickStart: validate → train → evaluate with FineTuning.Toolkit, wired by the Generic Host.
// It runs against the emulator from FineTuning.Toolkit.Testing, so it needs no API key and spends nothing.
// To target the real service, drop the emulator and put Endpoint/ApiKey under "FineTuning" (or set OPENAI_API_KEY).
using FineTuning.Toolkit;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Scoring;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Jobs.Methods;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Running;

await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Speed = 50 });
Console.WriteLine($"FineTuning.Toolkit {ToolkitInfo.Version}; emulator at {emulator.BaseUrl} (it simulates the service; nothing is trained)");

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["FineTuning:Endpoint"] = emulator.BaseUrl.ToString(),
    ["FineTuning:ApiKey"] = emulator.ApiKey,
});
builder.Services.AddFineTuning(builder.Configuration.GetSection("FineTuning"));
using var host = builder.Build();
await host.StartAsync();
var services = host.Services;
var options = services.GetRequiredService<IOptions<FineTuningToolkitOptions>>().Value;

// 1. Validate.
var dataset = Path.Combine(AppContext.BaseDirectory, "data", "gsm8k-chat-50.jsonl");
var validation = await DatasetValidator.ValidateAsync(dataset);
Console.WriteLine($"validate: {validation.ExampleCount} examples, {validation.ErrorCount} errors, {validation.WarningCount} warnings");
if (!validation.IsValid) return 1;

// 2. Train: upload, create a supervised job, wait for it.
var upload = await services.GetRequiredService<DatasetUploader>().UploadAsync(dataset);
var jobs = services.GetRequiredService<IFineTuningJobClient>();
var job = await jobs.CreateJobAsync(new FineTuningJobRequest
{
    Model = options.DefaultModel,
    TrainingFileId = upload.File.Id,
    Method = new SupervisedTraining(),
    Suffix = "sample",
});
job = await services.GetRequiredService<FineTuningJobMonitor>().WaitForCompletionAsync(job.Id, TimeSpan.FromMinutes(5));
Console.WriteLine($"train: {job.Id} {job.Status} -> {job.FineTunedModel}");
if (job.FineTunedModel is null) return 1;

// 3. Evaluate base vs fine-tuned on the first 12 examples (last assistant turn as the reference).
var connection = services.GetRequiredService<IFineTuningConnection>();
EvalTarget[] targets =
[
    new("base", connection.GetChatClient(options.DefaultModel), options.DefaultModel),
    new("fine-tuned", connection.GetChatClient(job.FineTunedModel), job.FineTunedModel),
];
var scorers = new[] { new EvalScorerRegistry(services).Create("normalized-exact") };
var run = await new EvalRunner().RunAsync(FirstItems(dataset, 12), targets, scorers, new EvalRunOptions { MaxConcurrency = 4 });
var comparison = PairedComparison.Compare(run.Results, "normalized-exact", "base", "fine-tuned");
Console.WriteLine($"evaluate: base {comparison.BaselineMean:P0}, fine-tuned {comparison.CandidateMean:P0}; verdict {comparison.Verdict}: {comparison.VerdictReason}");

await host.StopAsync();
return comparison.Verdict == ComparisonVerdict.Better ? 0 : 1;

static async IAsyncEnumerable<EvalItem> FirstItems(string path, int count)
{
    var taken = 0;
    await foreach (var line in EvalSetReader.ReadAsync(path, EvalSetFormat.Chat, null, CancellationToken.None))
    {
        if (line.Item is null) continue;
        yield return line.Item;
        if (++taken == count) yield break;
    }
}
