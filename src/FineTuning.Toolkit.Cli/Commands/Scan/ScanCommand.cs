using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Datasets.Privacy;

namespace FineTuning.Toolkit.Cli.Commands.Scan;

/// <summary><c>ftk scan FILE [--redact OUT]</c>: personal data and secrets with line, JSON path and a masked excerpt.</summary>
internal static class ScanCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The JSONL dataset to scan." };
        var redact = new Option<string?>("--redact") { Description = "Also write a redacted copy to this file (typed placeholders such as [EMAIL], [API_KEY])." }.OutputFile();
        var kinds = new Option<string[]>("--kind") { Description = "Only these kinds (repeatable): email, phone, credit-card, iban, ip, api-key, private-key, jwt.", AllowMultipleArgumentsPerToken = true };
        var allow = new Option<string[]>("--allow") { Description = "Values never reported (repeatable), e.g. your public support address." };
        var json = DataprepCli.JsonOption();
        var maxList = DataprepCli.MaxListOption();
        var command = new Command("scan", "Scan a dataset for personal data and secrets (e-mail, phone, payment cards, IBAN, IP, API keys, private keys, JWTs); optionally write a redacted copy. Exit code 1 when something is found.")
        {
            file, redact, kinds, allow, json, maxList,
        };
        command.OutputsDifferFromInputs([file], redact);
        command.OnInterrupt(DataprepCli.AtomicOutputsNote);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = DataprepCli.RequireFile(parse.GetValue(file));
            var max = DataprepCli.MaxList(parse, maxList);
            var options = new SensitiveDataScannerOptions
            {
                Kinds = parse.GetValue(kinds) is { Length: > 0 } chosen ? [.. chosen.SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(ParseKind)] : null,
                AllowedValues = parse.GetValue(allow) ?? [],
            };
            var scanner = new DatasetPrivacyScanner(options);
            var report = await DataprepCli.UsageGuardAsync(() => scanner.ScanAsync(input, cancellationToken)).ConfigureAwait(false);
            var redactPath = parse.GetValue(redact);
            RedactionReport? redaction = null;
            if (redactPath is not null)
            {
                redaction = await DataprepCli.UsageGuardAsync(() => scanner.RedactAsync(input, redactPath, cancellationToken)).ConfigureAwait(false);
            }

            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(
                    parse.InvocationConfiguration.Output,
                    new ScanJson(
                        input,
                        report.Lines,
                        report.Findings.Count,
                        report.LinesWithFindings,
                        report.CountsByKind.OrderBy(k => k.Key).ToDictionary(k => KindName(k.Key), k => k.Value),
                        [.. report.Findings.Take(max).Select(f => new ScanJson.ScanFinding(f.Line, f.JsonPath, KindName(f.Kind), f.Detector, f.MaskedExcerpt))],
                        redaction is null ? null : new ScanJson.RedactedCopy(Path.GetFullPath(redactPath!), redaction.Lines, redaction.RedactedLines),
                        report.Errors.Count,
                        DiagnosticJson.List(report.Errors, max)),
                    CliJsonContext.Default.ScanJson).ConfigureAwait(false);
            }
            else
            {
                var output = parse.InvocationConfiguration.Output;
                if (report.Findings.Count == 0)
                {
                    await output.WriteLineAsync($"No personal data or secrets found in {report.Lines} lines of {input}.").ConfigureAwait(false);
                }
                else
                {
                    var counts = string.Join(", ", report.CountsByKind.OrderBy(k => k.Key).Select(k => $"{k.Value} {KindName(k.Key)}"));
                    await output.WriteLineAsync($"{report.Findings.Count} findings on {report.LinesWithFindings} of {report.Lines} lines: {counts}").ConfigureAwait(false);
                    await DataprepCli.WriteListAsync(output, report.Findings, max, f => $"line {f.Line} {f.JsonPath}: {KindName(f.Kind)} ({f.Detector}) {f.MaskedExcerpt}").ConfigureAwait(false);
                }

                if (redaction is not null)
                {
                    await output.WriteLineAsync($"Redacted copy: {Path.GetFullPath(redactPath!)} ({redaction.RedactedLines} of {redaction.Lines} lines changed).").ConfigureAwait(false);
                }

                await DataprepCli.WriteErrorsAsync(output, report.Errors, max, " (their raw text was scanned)").ConfigureAwait(false);
            }

            return report.Findings.Count > 0 || report.Errors.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    internal static string KindName(SensitiveDataKind kind) => kind switch
    {
        SensitiveDataKind.Email => "email",
        SensitiveDataKind.Phone => "phone",
        SensitiveDataKind.CreditCard => "credit-card",
        SensitiveDataKind.Iban => "iban",
        SensitiveDataKind.IpAddress => "ip",
        SensitiveDataKind.ApiKey => "api-key",
        SensitiveDataKind.PrivateKey => "private-key",
        SensitiveDataKind.Jwt => "jwt",
        _ => kind.ToString(),
    };

    private static SensitiveDataKind ParseKind(string name) =>
        Enum.GetValues<SensitiveDataKind>().FirstOrDefault(k => string.Equals(KindName(k), name, StringComparison.OrdinalIgnoreCase), (SensitiveDataKind)(-1)) is var kind && (int)kind >= 0
            ? kind
            : throw new CliUsageException($"--kind: unknown kind '{name}'; use email, phone, credit-card, iban, ip, api-key, private-key or jwt.");
}
