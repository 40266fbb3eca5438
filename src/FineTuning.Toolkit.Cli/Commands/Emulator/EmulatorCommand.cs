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

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("emulator", "Serve an emulator of the OpenAI API on 127.0.0.1 (files, uploads, fine-tuning, models, chat, batches, embeddings). It simulates the service: nothing is trained.");
        foreach (var option in new Option[] { PortOption, ApiKeyOption, SpeedOption, FaultsOption, DataOption, SeedOption, JsonOption })
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
        };
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
                await CliJson.WriteAsync(output, new EmulatorJson(emulator.BaseUrl.ToString(), emulator.AzureBaseUrl.ToString(), emulator.ApiKey, speed, options.DataDirectory), CliJsonContext.Default.EmulatorJson).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                output = parse.InvocationConfiguration.Error;
            }
            else
            {
                await WriteBannerAsync(output, emulator, speed, options.DataDirectory).ConfigureAwait(false);
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

    private static async Task WriteBannerAsync(TextWriter output, OpenAIEmulator emulator, double speed, string? dataDirectory)
    {
        await output.WriteLineAsync("OpenAI API emulator (FineTuning.Toolkit). It simulates the service; nothing is trained and no data leaves this machine.").ConfigureAwait(false);
        await output.WriteLineAsync($"  OpenAI base URL: {emulator.BaseUrl}").ConfigureAwait(false);
        await output.WriteLineAsync($"  Azure base URL:  {emulator.AzureBaseUrl}  (api-key header)").ConfigureAwait(false);
        await output.WriteLineAsync($"  API key:         {emulator.ApiKey}  (a test key, not a secret)").ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  Speed:           x{speed}")).ConfigureAwait(false);
        if (dataDirectory is not null)
        {
            await output.WriteLineAsync($"  State folder:    {dataDirectory}  (saved after each change and on exit)").ConfigureAwait(false);
        }

        await output.WriteLineAsync("Press Ctrl+C to stop.").ConfigureAwait(false);
    }
}
