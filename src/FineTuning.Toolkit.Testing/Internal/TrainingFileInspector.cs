using System.Globalization;
using System.Text;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>What the emulated service learns from a training or validation file.</summary>
internal sealed class TrainingFileReport
{
    public string? ErrorMessage { get; init; }

    public int ExampleCount { get; init; }

    /// <summary>The token statistics of the file (exact counts, as the library's estimator sees them); null when the file failed.</summary>
    public DatasetTokenStatistics? Tokens { get; init; }

    public Dictionary<string, string> Answers { get; init; } = [];
}

/// <summary>
/// Server-side validation of a fine-tuning file: the library's <see cref="DatasetValidator"/> reads it (through
/// <see cref="JsonlReader"/>) and hands each typed example to two observers: the library's token counter
/// (<see cref="ChatTokenCounter"/> into <see cref="TokenStatisticsObserver"/>), so billing agrees with
/// <see cref="TrainingCostEstimator"/>, and the emulator's trained-answer collector.
/// </summary>
internal static class TrainingFileInspector
{
    public static TrainingFileReport Inspect(string contentPath, string method, string model, bool validationFile = false)
    {
        var encoding = TokenEstimator.EncodingFor(model);
        var counter = new ChatTokenCounter(encoding);
        var tokens = new TokenStatisticsObserver(counter, EmulatorModels.Find(model)?.ExampleTokenLimit);
        var answers = new TrainedAnswerCollector();
        var options = new DatasetValidationOptions
        {
            Format = method switch { "dpo" => DatasetFormat.Preference, "reinforcement" => DatasetFormat.Reinforcement, _ => DatasetFormat.Chat },
            DetectDuplicates = false,
            MaxErrors = 1,
            Model = model,
            IsValidationFile = validationFile,
        };
        options.Observers.Add(tokens);
        options.Observers.Add(answers);
        using var stream = File.Exists(contentPath) ? FileContentStore.OpenRead(contentPath) : Stream.Null;

        // A FileStream opened without async I/O completes synchronously; the store calls this under its lock.
        var report = DatasetValidator.ValidateAsync(stream, options).GetAwaiter().GetResult();
        var count = (int)report.ExampleCount;

        // The job fails at the first line-level error, naming the line, the rule and the JSON path.
        if (report.Errors.FirstOrDefault(d => d.Line > 0) is { } error)
        {
            return Fail(error.Code == DatasetDiagnosticCodes.ReservedToken
                ? ReservedTokenMessage(contentPath, error, encoding)
                : $"Invalid file format. Line {error.Line}: {error.Message} ({error.Code} at {error.Path})");
        }

        if (!validationFile && count < FineTuningLimits.MinExamples)
        {
            return Fail(string.Create(CultureInfo.InvariantCulture, $"Training file has {count} example(s), but must have at least {FineTuningLimits.MinExamples} examples"), count);
        }

        return new TrainingFileReport { ExampleCount = count, Tokens = tokens.Statistics, Answers = answers.Answers };

        static TrainingFileReport Fail(string message, int count = 0) => new() { ErrorMessage = message, ExampleCount = count };
    }

    /// <summary>The platform's wording for a reserved token ("Example N message contains an invalid token: …"); the rule itself is the validator's (FT2029).</summary>
    private static string ReservedTokenMessage(string contentPath, DatasetDiagnostic error, TiktokenEncoding encoding)
    {
        var line = File.ReadLines(contentPath, Encoding.UTF8).ElementAtOrDefault((int)error.Line - 1) ?? string.Empty;
        return ReservedTokens.Find(line, model: null) is { } special
            ? $"Invalid file format. Example {error.Line} message contains an invalid token: {special}"
            : $"Invalid file format. Line {error.Line}: {error.Message} ({error.Code} at {error.Path})";
    }

    /// <summary>Collects the last prompt → reply pair of each typed example: what a fine-tuned model will answer.</summary>
    private sealed class TrainedAnswerCollector : IDatasetExampleObserver
    {
        public Dictionary<string, string> Answers { get; } = new(StringComparer.Ordinal);

        public void Observe(long lineNumber, DatasetExample example)
        {
            var (prompt, reply) = example switch
            {
                ChatExample chat => LastPair(chat.Messages),
                PreferenceExample preference => (LastPair(preference.Input.Messages).Prompt, preference.PreferredOutput.FirstOrDefault(m => m.Role == TrainingRole.Assistant) is { } preferred ? Text(preferred) : null),
                ReinforcementExample reinforcement => ReinforcementPair(reinforcement),
                _ => (null, null),
            };
            if (prompt is not null && reply is not null)
            {
                Answers.TryAdd(PromptKey.Normalize(prompt), reply);
            }
        }

        public void OnCompleted(DatasetValidationReport report)
        {
        }

        private static (string? Prompt, string? Reply) ReinforcementPair(ReinforcementExample example)
        {
            var (prompt, reply) = LastPair(example.Messages);
            if (example.GraderFields.TryGetValue("reference_answer", out var reference))
            {
                reply = reference.ValueKind == System.Text.Json.JsonValueKind.String ? reference.GetString() : reference.GetRawText();
            }

            return (prompt, reply);
        }

        private static (string? Prompt, string? Reply) LastPair(IEnumerable<TrainingMessage> messages)
        {
            string? prompt = null, reply = null;
            foreach (var message in messages)
            {
                if (message.Role == TrainingRole.User)
                {
                    prompt = Text(message);
                    reply = null;
                }
                else if (message.Role == TrainingRole.Assistant && prompt is not null)
                {
                    reply = Text(message);
                }
            }

            return (prompt, reply);
        }

        // Text parts joined by new lines, as the chat endpoint reads a prompt (PromptKey.ContentText).
        private static string Text(TrainingMessage message) => message.Content?.Parts is { } parts
            ? string.Join("\n", parts.Where(p => !string.IsNullOrEmpty(p.Text)).Select(p => p.Text))
            : message.Text;
    }
}
