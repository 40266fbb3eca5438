using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Cli.Commands.Shared;

/// <summary>Options and helpers shared by the job commands.</summary>
internal static class JobCommandSupport
{
    public static Option<string?> Provider() => new("--provider") { Description = "openai, azure, together or compatible (default: FTK_PROVIDER, else OpenAI when OPENAI_API_KEY is set, else Azure when AZURE_OPENAI_ENDPOINT is set, else Together when TOGETHER_API_KEY is set)." };

    public static Option<string?> BaseUrl() => new("--base-url") { Description = "The API endpoint (default: OPENAI_BASE_URL or AZURE_OPENAI_ENDPOINT)." };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of text." };

    /// <summary>Adds the connection options to a command and returns them.</summary>
    public static (Option<string?> Provider, Option<string?> BaseUrl) AddConnection(Command command)
    {
        var provider = Provider();
        var baseUrl = BaseUrl();
        command.Add(provider);
        command.Add(baseUrl);
        return (provider, baseUrl);
    }

    /// <summary>Runs a command body with the toolkit's services; service errors become one line and exit code 1.</summary>
    public static async Task<int> RunAsync(ParseResult parse, (Option<string?> Provider, Option<string?> BaseUrl) connection, Func<IServiceProvider, TextWriter, Task<int>> body, Action<FineTuningToolkitOptions>? configure = null)
    {
        var options = CliConnection.Options(parse.GetValue(connection.Provider), parse.GetValue(connection.BaseUrl));
        var services = CliConnection.CreateServices(options, configure);
        await using (services.ConfigureAwait(false))
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                return await body(services, output).ConfigureAwait(false);
            }
            catch (FineTuningApiException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        }
    }

    /// <summary>
    /// Creates <c>NAME ID [--json]</c> with the connection options: the one shape of the commands that act on one
    /// service object (show, delete, download, ...). <paramref name="body"/> gets the parse result, the services, the
    /// output, the trimmed id and whether <c>--json</c> was given.
    /// </summary>
    public static Command IdCommand(string name, string description, string idName, string idDescription, Func<ParseResult, IServiceProvider, TextWriter, string, bool, CancellationToken, Task<int>> body, params Option[] extra)
    {
        var command = new Command(name, description);
        var id = new Argument<string>(idName) { Description = idDescription }.NotBlank();
        var json = Json();
        command.Add(id);
        foreach (var option in extra)
        {
            command.Add(option);
        }

        command.Add(json);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, (services, output) => body(parse, services, output, parse.GetValue(id)!.Trim(), parse.GetValue(json), ct)));
        return command;
    }

    /// <summary>
    /// Creates <c>delete ID [--json]</c>: deletes one service object (<paramref name="kind"/>: <c>file</c>, <c>model</c>),
    /// exit 1 with <paramref name="listHint"/> when it does not exist.
    /// </summary>
    public static Command DeleteCommand(string description, string idName, string idDescription, string kind, string listHint, Func<IServiceProvider, string, CancellationToken, Task<bool>> delete) =>
        IdCommand("delete", description, idName, idDescription, async (parse, services, output, id, json, ct) =>
        {
            var deleted = await delete(services, id, ct).ConfigureAwait(false);
            if (json)
            {
                await CliJson.WriteAsync(output, new DeletedJson(id, kind, deleted), CliJsonContext.Default.DeletedJson).ConfigureAwait(false);
            }
            else if (deleted)
            {
                await output.WriteLineAsync($"Deleted {id}.").ConfigureAwait(false);
            }

            if (!deleted)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {kind} {id} does not exist (see '{listHint}').").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            return ExitCodes.Success;
        });

    public static async Task WriteJsonAsync(TextWriter output, JsonElement element) =>
        await CliJson.WriteAsync(output, element, CliJsonContext.Default.JsonElement).ConfigureAwait(false);

    public static async Task WriteJsonArrayAsync(TextWriter output, IEnumerable<JsonElement> elements) =>
        await CliJson.WriteAsync<IReadOnlyList<JsonElement>>(output, elements.ToList(), CliJsonContext.Default.IReadOnlyListJsonElement).ConfigureAwait(false);

    public static string Describe(FineTuningJobInfo job)
    {
        var lines = new List<string>
        {
            $"id:              {job.Id}",
            $"status:          {job.Status}",
            $"model:           {job.Model}",
            $"method:          {job.MethodType}",
            $"created:         {job.CreatedAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}",
        };
        if (job.FinishedAt is { } finished)
        {
            lines.Add($"finished:        {finished.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}");
        }

        lines.Add($"training file:   {job.TrainingFileId}");
        if (job.ValidationFileId is not null)
        {
            lines.Add($"validation file: {job.ValidationFileId}");
        }

        if (job.FineTunedModel is not null)
        {
            lines.Add($"fine-tuned:      {job.FineTunedModel}");
        }

        if (job.TrainedTokens is { } tokens)
        {
            lines.Add($"trained tokens:  {tokens.ToString(CultureInfo.InvariantCulture)}");
        }

        if (job.Hyperparameters.Count > 0)
        {
            lines.Add("hyperparameters: " + string.Join(", ", job.Hyperparameters.Select(p => $"{p.Key}={p.Value}")));
        }

        if (job.Metadata.Count > 0)
        {
            lines.Add("metadata:        " + string.Join(", ", job.Metadata.Select(p => $"{p.Key}={p.Value}")));
        }

        if (job.Error is not null)
        {
            lines.Add($"error:           {job.Error}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    public static string Format(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";

    public static IFineTuningJobClient JobClient(IServiceProvider services) => services.GetRequiredService<IFineTuningJobClient>();
}
