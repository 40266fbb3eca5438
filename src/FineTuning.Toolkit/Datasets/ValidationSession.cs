using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.IO;
using C = FineTuning.Toolkit.Datasets.DatasetDiagnosticCodes;

namespace FineTuning.Toolkit.Datasets;

/// <summary>The state of one validation pass: diagnostics sink with caps and per-code counts, format tracking, duplicate hashes, and the rules.</summary>
internal sealed partial class ValidationSession
{
    private readonly DatasetValidationOptions _options;
    private readonly ValidationProfile _profile;
    private readonly DatasetValidationReport _report;
    private readonly Dictionary<string, CodeCounter> _codes = new(StringComparer.Ordinal);
    private readonly List<DatasetDiagnostic> _fileLevel = [];
    private readonly LineHashSet? _hashes;
    private DatasetFormat _format;
    private readonly bool _forced;
    private readonly bool _rejectHarmony;
    private bool _mixedReported;
    private long _imageExamples;
    private long _line;
    private long _keptErrors;
    private long _keptOthers;

    /// <summary>Gets or sets the JSON reader's maximum depth (the reader options' <see cref="JsonlReaderOptions.MaxDepth"/>).</summary>
    public int MaxDepth { get; set; } = 256;

    public ValidationSession(DatasetValidationOptions options, ValidationProfile profile, string? source)
    {
        _options = options;
        _profile = profile;
        _format = options.Format;
        _forced = options.Format != DatasetFormat.Unknown;
        _rejectHarmony = profile.RejectHarmonyTokens || ReservedTokens.IsHarmonyModel(options.Model);
        _hashes = options.DetectDuplicates ? new LineHashSet() : null;
        _observersTakePass = options.Observers.All(static o => o is IChatPassObserver { ObservesChatPass: true });
        _report = new DatasetValidationReport { Source = source, Profile = profile, Format = options.Format };
    }

    private sealed class CodeCounter
    {
        public required DatasetDiagnostic First { get; init; }

        public long Count { get; set; }
    }

    public void Process(JsonlRecord record)
    {
        _line = record.LineNumber;
        _report.LineCount = record.LineNumber;
        _report.ByteCount = record.ByteOffset + record.Utf8.Length;
        foreach (var diagnostic in record.Diagnostics)
        {
            Add(diagnostic);
        }

        if (record.Kind == JsonlRecordKind.Blank)
        {
            return;
        }

        _report.ExampleCount++;
        if (record.IsParsedInPass && _pass is { } pass)
        {
            // Read by the single pass (TryRead): a chat example with nothing for the document rules to report.
            _pass = null;
            if (_format == DatasetFormat.Unknown)
            {
                _format = DatasetFormat.Chat;
                _report.Format = DatasetFormat.Chat;
            }

            if (_hashes is not null)
            {
                CheckDuplicate(record.Utf8.Span);
            }

            FinishChat(pass);
            ObservePass(record.Utf8);
            return;
        }

        if (!record.IsObject)
        {
            return;
        }

        var root = record.Value;
        var detected = DatasetFormatDetector.Detect(root);
        if (_format == DatasetFormat.Unknown)
        {
            if (detected == DatasetFormat.Unknown)
            {
                Error(C.UnknownFormat, "$", $"Line {_line} matches no training format.",
                    "Use {\"messages\":[...]} (chat or reinforcement), {\"input\":...,\"preferred_output\":...,\"non_preferred_output\":...} (preference) or {\"prompt\":...,\"completion\":...} (legacy).");
                return;
            }

            _format = detected;
            _report.Format = detected;
        }
        else if (!_forced)
        {
            if (detected == DatasetFormat.Unknown)
            {
                Error(C.UnknownFormat, "$", $"Line {_line} matches no training format (the file is {Name(_format)}).",
                    "Make every line an example of the file's format.");
                return;
            }

            if (DatasetFormatDetector.Family(detected) != DatasetFormatDetector.Family(_format))
            {
                if (!_mixedReported)
                {
                    _mixedReported = true;
                    Error(C.MixedFormats, "$", $"Line {_line} is a {Name(detected)} example but the file is {Name(_format)} (from its first example); later lines of other formats are not validated.",
                        "Keep one format per file: split the file, or convert the odd lines.");
                }

                return;
            }
        }

        if (_hashes is not null)
        {
            CheckDuplicate(record.Utf8.Span);
        }

        CheckDuplicateKeys(record.Utf8.Span);
        if (ReservedTokens.MightContain(record.Utf8.Span))
        {
            ScanReservedTokens(root, "$");
        }

        switch (_format)
        {
            case DatasetFormat.Chat:
                ValidateChat(root);
                break;
            case DatasetFormat.Preference:
                ValidatePreference(root);
                break;
            case DatasetFormat.Reinforcement:
                ValidateReinforcement(root);
                break;
            case DatasetFormat.Completion:
                ValidateCompletion(root);
                break;
        }

        if (_options.Observers.Count > 0 && DatasetExample.TryParse(root, _format, out var example, out _))
        {
            foreach (var observer in _options.Observers)
            {
                observer.Observe(_line, example);
            }
        }
    }

    public DatasetValidationReport Complete()
    {
        _line = 0;
        if (_report.ExampleCount == 0)
        {
            Error(C.EmptyFile, string.Empty, "The file holds no examples.", "Add at least " + _profile.MinimumExamples.ToString(CultureInfo.InvariantCulture) + " examples, one JSON object per line.");
        }
        else if (_report.ExampleCount < _profile.MinimumExamples && !_options.IsValidationFile)
        {
            Error(C.TooFewExamples, string.Empty,
                $"The file has {_report.ExampleCount} examples; the platform requires at least {_profile.MinimumExamples}.",
                "Add examples: the guides recommend starting with 50 to 100 well-crafted examples.");
        }

        if (_report.ByteCount > _profile.MaxFileBytes)
        {
            Warning(C.FileTooLarge, string.Empty,
                $"The file is {_report.ByteCount / (1024 * 1024)} MB; the Files API accepts up to {_profile.MaxFileBytes / (1024 * 1024)} MB.",
                "Upload it with the Uploads API (up to 8 GB, in parts) or split it.");
        }

        if (_imageExamples > _profile.MaxImageExamples)
        {
            Error(C.TooManyImageExamples, string.Empty,
                $"{_imageExamples} examples contain images; at most {_profile.MaxImageExamples} are allowed per file.",
                "Split the file or drop images from some examples.");
        }

        if (_format == DatasetFormat.Completion)
        {
            Info(C.LegacyCompletionFormat, string.Empty,
                "The file uses the legacy prompt/completion format, accepted only by babbage-002 and davinci-002.",
                "Convert it to the chat format (user = prompt, assistant = completion) to train current models.");
        }

        var diagnostics = _report._diagnostics;
        diagnostics.AddRange(_fileLevel);
        _report.Codes = [.. _codes.Values
            .OrderByDescending(c => c.First.Severity)
            .ThenBy(c => c.First.Code, StringComparer.Ordinal)
            .Select(c => new DiagnosticCodeSummary
            {
                Code = c.First.Code,
                Severity = c.First.Severity,
                Count = c.Count,
                FirstLine = c.First.Line,
                FirstMessage = c.First.Message,
                Suggestion = c.First.Suggestion,
            })];
        _report.Format = _format;
        return _report;
    }

    private static string Name(DatasetFormat format) => DatasetValidationReport.FormatName(format);

    // ---- diagnostics sink --------------------------------------------------------------------------------------

    private void Add(DatasetDiagnostic diagnostic)
    {
        switch (diagnostic.Severity)
        {
            case DiagnosticSeverity.Error:
                _report.ErrorCount++;
                _report.FirstError ??= diagnostic;
                break;
            case DiagnosticSeverity.Warning:
                _report.WarningCount++;
                break;
            default:
                _report.InfoCount++;
                break;
        }

        if (_codes.TryGetValue(diagnostic.Code, out var counter))
        {
            counter.Count++;
        }
        else
        {
            _codes[diagnostic.Code] = new CodeCounter { First = diagnostic, Count = 1 };
        }

        var keep = diagnostic.Severity == DiagnosticSeverity.Error
            ? _keptErrors++ < _options.MaxErrors
            : _keptOthers++ < _options.MaxWarnings;
        if (!keep)
        {
            _report.IsTruncated = true;
            return;
        }

        if (diagnostic.Line == 0)
        {
            _fileLevel.Add(diagnostic);
        }
        else
        {
            _report._diagnostics.Add(diagnostic);
        }
    }

    private void Error(string code, string path, string message, string suggestion) =>
        Add(new DatasetDiagnostic(code, DiagnosticSeverity.Error, _line, path, message, suggestion));

    private void Warning(string code, string path, string message, string suggestion) =>
        Add(new DatasetDiagnostic(code, DiagnosticSeverity.Warning, _line, path, message, suggestion));

    private void Info(string code, string path, string message, string suggestion) =>
        Add(new DatasetDiagnostic(code, DiagnosticSeverity.Info, _line, path, message, suggestion));

    private void Report(DiagnosticSeverity severity, string code, string path, string message, string suggestion) =>
        Add(new DatasetDiagnostic(code, severity, _line, path, message, suggestion));

    // ---- file-wide rules ---------------------------------------------------------------------------------------

    private void CheckDuplicate(ReadOnlySpan<byte> utf8)
    {
        var first = _hashes!.TryAdd(StableHash.Hash128(utf8.Trim(" \t"u8)), _line);
        if (first != 0)
        {
            Warning(C.DuplicateExample, "$", $"Line {_line} is an exact duplicate of line {first}.",
                "Remove duplicates: they over-weight one example and can leak between training and validation files.");
        }
    }

    /// <summary>
    /// FT1007: keys repeated in one object, anywhere in the line (a second Utf8JsonReader pass, only on lines the single pass
    /// did not take: it refuses every repeated key). The platform parses lines with Python's json, which keeps the last value of a
    /// repeated key silently; System.Text.Json's lookups keep the last too, so the rules see what the platform sees.
    /// </summary>
    private void CheckDuplicateKeys(ReadOnlySpan<byte> utf8)
    {
        // One frame per open object or array: for an object, its keys so far as raw byte ranges of the line (compared as bytes;
        // an escaped key, or an object past 16 keys, moves the object to a set of decoded names).
        var frames = _keyFrames;
        var keys = _keyRanges;
        frames.Clear();
        keys.Clear();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        AdvanceIndex(frames);
                        frames.Add(new KeyFrame { IsArray = reader.TokenType == JsonTokenType.StartArray, Index = -1, FirstKey = keys.Count, Key = -1 });
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        keys.RemoveRange(frames[^1].FirstKey, keys.Count - frames[^1].FirstKey);
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = frames[^1];
                        var start = (int)reader.TokenStartIndex + 1;
                        var range = (Start: start, Length: reader.ValueSpan.Length);
                        bool repeated;
                        if (frame.Names is null && !reader.ValueIsEscaped && keys.Count - frame.FirstKey < 16)
                        {
                            repeated = false;
                            var name = reader.ValueSpan;
                            for (var i = frame.FirstKey; i < keys.Count && !repeated; i++)
                            {
                                repeated = !keys[i].Escaped && utf8.Slice(keys[i].Start, keys[i].Length).SequenceEqual(name);
                            }

                            keys.Add((range.Start, range.Length, false));
                        }
                        else
                        {
                            if (frame.Names is null)
                            {
                                frame.Names = new HashSet<string>(StringComparer.Ordinal);
                                for (var i = frame.FirstKey; i < keys.Count; i++)
                                {
                                    frame.Names.Add(KeyText(utf8, keys[i]));
                                }
                            }

                            keys.Add((range.Start, range.Length, reader.ValueIsEscaped));
                            repeated = !frame.Names.Add(KeyText(utf8, keys[^1]));
                        }

                        frame.Key = keys.Count - 1;
                        frames[^1] = frame;
                        if (repeated)
                        {
                            var name = KeyText(utf8, keys[^1]);
                            var objectPath = KeyPath(utf8, frames.Count - 1);
                            Warning(C.DuplicateKey, objectPath + "." + name,
                                $"The key '{name}' appears more than once in the object at {objectPath}; the platform's parser keeps the last value and drops the others silently.",
                                $"Keep one '{name}' per object: merge the values or remove the extra key.");
                        }

                        break;
                    default:
                        AdvanceIndex(frames);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // The reader reported the line already (invalid JSON, lone surrogate).
        }

        static void AdvanceIndex(List<KeyFrame> frames)
        {
            if (frames.Count > 0 && frames[^1].IsArray)
            {
                var top = frames[^1];
                top.Index++;
                frames[^1] = top;
            }
        }

        static string KeyText(ReadOnlySpan<byte> utf8, (int Start, int Length, bool Escaped) key)
        {
            var raw = utf8.Slice(key.Start, key.Length);
            if (!key.Escaped)
            {
                return System.Text.Encoding.UTF8.GetString(raw);
            }

            var reader = new Utf8JsonReader(utf8.Slice(key.Start - 1, key.Length + 2));
            reader.Read();
            return reader.GetString()!;
        }

        string KeyPath(ReadOnlySpan<byte> utf8, int count)
        {
            var builder = new System.Text.StringBuilder("$");
            for (var i = 0; i < count; i++)
            {
                var frame = frames[i];
                if (frame.IsArray)
                {
                    builder.Append('[').Append(frame.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else if (frame.Key >= 0)
                {
                    builder.Append('.').Append(KeyText(utf8, keys[frame.Key]));
                }
            }

            return builder.ToString();
        }
    }

    private struct KeyFrame
    {
        public bool IsArray;
        public int Index;
        public int FirstKey;
        public int Key;
        public HashSet<string>? Names;
    }

    private readonly List<KeyFrame> _keyFrames = [];
    private readonly List<(int Start, int Length, bool Escaped)> _keyRanges = [];

    private void ScanReservedTokens(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    ScanReservedTokens(property.Value, path + "." + property.Name);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    ScanReservedTokens(item, path + "[" + (i++).ToString(CultureInfo.InvariantCulture) + "]");
                }

                break;
            case JsonValueKind.String:
                foreach (var token in ReservedTokens.FindAll(element.GetString(), includeHarmony: true))
                {
                    if (!ReservedTokens.IsHarmonyToken(token))
                    {
                        Error(C.ReservedToken, path, $"The text contains the reserved special token {token}; the platform rejects the file late, after queueing (\"contains an invalid token\").",
                            $"Remove or break up {token} (e.g. replace '<|' with '< |').");
                    }
                    else if (_rejectHarmony)
                    {
                        Error(C.ReservedToken, path, $"The text contains the Harmony format token {token}, which gpt-oss models reserve; the platform rejects the file.",
                            $"Remove or break up {token} (e.g. replace '<|' with '< |').");
                    }
                    else
                    {
                        Warning(C.ReservedToken, path, $"The text contains {token}, a Harmony format token: fine for this model, but gpt-oss models reserve it and reject the file.",
                            $"Break up {token} (e.g. replace '<|' with '< |') if the file may train a gpt-oss model.");
                    }
                }

                break;
        }
    }
}
