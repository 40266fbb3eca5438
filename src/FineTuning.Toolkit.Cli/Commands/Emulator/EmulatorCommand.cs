using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Cli.Commands.Emulator;

/// <summary>The emulator commands of <c>ftk</c>: <c>ftk emulator</c> serves the OpenAI API emulator until Ctrl+C.</summary>
internal static class EmulatorCommand
{
    private static readonly Option<int> PortOption = new Option<int>("--port", "-p") { Description = "The port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 0 }.InRange(0, 65535);
    private static readonly Option<string?> ApiKeyOption = new("--api-key") { Description = "The key clients must send (default: a fixed, public test key; never use a real key)." };
    private static readonly Option<double> SpeedOption = new Option<double>("--speed") { Description = "Emulated seconds per real second (e.g. 100 makes jobs finish in seconds; at most 1000000).", DefaultValueFactory = _ => 1.0 }.Between(0, 1_000_001);
    private static readonly Option<string?> FaultsOption = new("--faults") { Description = "A fault plan, e.g. \"POST /v1/fine_tuning/jobs: 429*2, lost*1; GET *: 500@10%\"." };
    private static readonly Option<DirectoryInfo?> DataOption = new Option<DirectoryInfo?>("--data") { Description = "A folder to load state from and save it to after each change and on exit (files, jobs, fine-tuned models)." }.FolderPath();
    private static readonly Option<int> SeedOption = new("--seed") { Description = "Seed for ids, metrics, answers and probabilistic faults.", DefaultValueFactory = _ => 0 };
    private static readonly Option<bool> JsonOption = new("--json") { Description = "Print the URLs and the test key as one JSON document when listening (then keep serving; other messages go to standard error)." };
    private static readonly Option<DateTimeOffset?> TrainingShutdownOption = new("--training-shutdown") { HelpName = "DATE", Description = "Simulate OpenAI's wind-down: from this date (emulated time, e.g. 2027-01-06) job creation on the OpenAI URL answers 403 training_not_available; the Azure URL keeps training." };
    private static readonly Option<DateTimeOffset?> RetirementOption = new("--retirement") { HelpName = "DATE", Description = "From this date (emulated time, e.g. 2027-01-14) the retiring base models (--retire) and their fine-tunes answer 404 model_not_found on the OpenAI URL." };
    private static readonly Option<string[]> RetireOption = new("--retire") { HelpName = "MODEL", Description = "A base model that retires at --retirement (repeatable; default gpt-4o, gpt-4o-mini, gpt-4.1 and gpt-4.1-mini).", AllowMultipleArgumentsPerToken = false };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("emulator", "Serve an emulator of the OpenAI API on 127.0.0.1 (files, uploads, fine-tuning, models, chat, batches, embeddings). It simulates the service: nothing is trained.");
        foreach (var option in new Option[] { PortOption, ApiKeyOption, SpeedOption, FaultsOption, DataOption, SeedOption, TrainingShutdownOption, RetirementOption, RetireOption, JsonOption })
        {
            command.Add(option);
        }

        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var port = parse.GetValue(PortOption);
        var speed = parse.GetValue(SpeedOption);

        var options = new OpenAIEmulatorOptions
        {
            Port = port,
            Speed = speed,
            Seed = parse.GetValue(SeedOption),
            Faults = parse.GetValue(FaultsOption),
            DataDirectory = parse.GetValue(DataOption)?.FullName,
            Logger = new WarningWriterLogger(TextWriter.Synchronized(parse.InvocationConfiguration.Error)),
            TrainingShutdownAt = parse.GetValue(TrainingShutdownOption),
            ModelRetirementAt = parse.GetValue(RetirementOption),
        };
        if (parse.GetValue(RetireOption) is { Length: > 0 } retiring)
        {
            options.RetiringBaseModels.Clear();
            foreach (var model in retiring)
            {
                options.RetiringBaseModels.Add(model.Trim());
            }
        }
        if (parse.GetValue(ApiKeyOption) is { Length: > 0 } key)
        {
            options.ApiKey = key;
        }

        OpenAIEmulator emulator;
        try
        {
            emulator = await OpenAIEmulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            // The emulator parses the plan when it starts; a number too large for a count or a delay is as wrong as a typo.
            throw new CliUsageException("--faults: " + (ex is FormatException ? ex.Message : $"a number in the plan is out of range ({ex.Message})."));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException && options.DataDirectory is not null)
        {
            throw new CliUsageException("--data: " + ex.Message);
        }

        await using (emulator.ConfigureAwait(false))
        {
            if (parse.GetValue(JsonOption))
            {
                await CliJson.WriteAsync(output, new EmulatorJson(emulator.BaseUrl.ToString(), emulator.AzureBaseUrl.ToString(), emulator.ApiKey, speed, options.DataDirectory, options.TrainingShutdownAt, options.ModelRetirementAt), CliJsonContext.Default.EmulatorJson).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                output = parse.InvocationConfiguration.Error;
            }
            else
            {
                await WriteBannerAsync(output, emulator, speed, options).ConfigureAwait(false);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await output.WriteLineAsync("Stopping the emulator.").ConfigureAwait(false);
            }

            if (options.DataDirectory is not null)
            {
                try
                {
                    emulator.SaveState();
                    await output.WriteLineAsync($"State saved to {options.DataDirectory}.").ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                    return ExitCodes.Failure;
                }
            }
        }

        return ExitCodes.Success;
    }

    private static async Task WriteBannerAsync(TextWriter output, OpenAIEmulator emulator, double speed, OpenAIEmulatorOptions options)
    {
        await output.WriteLineAsync("OpenAI API emulator (FineTuning.Toolkit). It simulates the service; nothing is trained and no data leaves this machine.").ConfigureAwait(false);
        await output.WriteLineAsync($"  OpenAI base URL: {emulator.BaseUrl}").ConfigureAwait(false);
        await output.WriteLineAsync($"  Azure base URL:  {emulator.AzureBaseUrl}  (api-key header)").ConfigureAwait(false);
        await output.WriteLineAsync($"  API key:         {emulator.ApiKey}  (a test key, not a secret)").ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  Speed:           x{speed}")).ConfigureAwait(false);
        if (options.TrainingShutdownAt is { } shutdown)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  Training ends:   {shutdown:u}  (OpenAI URL: job creation answers 403 training_not_available)")).ConfigureAwait(false);
        }

        if (options.ModelRetirementAt is { } retirement)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  Models retire:   {retirement:u}  ({string.Join(", ", options.RetiringBaseModels)} and their fine-tunes answer 404 on the OpenAI URL)")).ConfigureAwait(false);
        }

        if (options.DataDirectory is not null)
        {
            await output.WriteLineAsync($"  State folder:    {options.DataDirectory}  (saved after each change and on exit)").ConfigureAwait(false);
        }

        await output.WriteLineAsync("Press Ctrl+C to stop.").ConfigureAwait(false);
    }
}
