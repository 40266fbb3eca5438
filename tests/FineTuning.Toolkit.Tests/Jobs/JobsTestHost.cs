using System.Text;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>An emulator plus a service provider wired to it, in either provider flavour.</summary>
internal sealed class JobsTestHost : IAsyncDisposable
{
    private JobsTestHost(OpenAIEmulator emulator, ServiceProvider services, string folder)
    {
        Emulator = emulator;
        Services = services;
        Folder = folder;
    }

    public OpenAIEmulator Emulator { get; }

    public ServiceProvider Services { get; }

    public string Folder { get; }

    public IFineTuningJobClient Jobs => Services.GetRequiredService<IFineTuningJobClient>();

    public IFineTuningFileClient Files => Services.GetRequiredService<IFineTuningFileClient>();

    public DatasetUploader Uploader => Services.GetRequiredService<DatasetUploader>();

    public FineTuningJobMonitor Monitor => Services.GetRequiredService<FineTuningJobMonitor>();

    public static async Task<JobsTestHost> StartAsync(
        FineTuningProvider provider,
        Action<OpenAIEmulatorOptions>? emulatorOptions = null,
        Action<FineTuningToolkitOptions>? options = null,
        Action<IServiceCollection>? services = null)
    {
        var eo = new OpenAIEmulatorOptions
        {
            Speed = 200,
            ValidatingDuration = TimeSpan.FromSeconds(1),
            QueuedDuration = TimeSpan.FromSeconds(1),
            StepsPerEpoch = 4,
            StepDuration = TimeSpan.FromSeconds(1),
        };
        emulatorOptions?.Invoke(eo);
        var emulator = await OpenAIEmulator.StartAsync(eo);
        var folder = Path.Combine(Path.GetTempPath(), "ftk-jobs-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        collection.AddFineTuning(o =>
        {
            o.UseEnvironmentVariables = false;
            o.Provider = provider;
            o.Endpoint = provider switch { FineTuningProvider.Azure => emulator.AzureBaseUrl, FineTuningProvider.Together => emulator.TogetherBaseUrl, _ => emulator.BaseUrl };
            o.ApiKey = emulator.ApiKey;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(5);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
            o.Retry.MaxRetryAfter = TimeSpan.FromMilliseconds(100);
            o.RequestTimeout = TimeSpan.FromSeconds(30);
            o.Polling.QueuedInterval = TimeSpan.FromMilliseconds(20);
            o.Polling.RunningInterval = TimeSpan.FromMilliseconds(20);
            o.Polling.MaxInterval = TimeSpan.FromMilliseconds(100);
            o.Upload.IndexPath = Path.Combine(folder, "uploads.json");
            o.Upload.ProcessingPollInterval = TimeSpan.FromMilliseconds(20);
            o.Azure.ManagementEndpoint = emulator.ArmBaseUrl;
            o.Azure.ManagementToken = emulator.ApiKey;
            options?.Invoke(o);
        });
        var provider2 = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new JobsTestHost(emulator, provider2, folder);
    }

    /// <summary>Writes a valid chat dataset of <paramref name="count"/> examples and returns its path.</summary>
    public string WriteDataset(string name = "train.jsonl", int count = 12, string tag = "")
    {
        var path = Path.Combine(Folder, name);
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append("{\"messages\":[{\"role\":\"user\",\"content\":\"Question ").Append(tag).Append(i)
                .Append("?\"},{\"role\":\"assistant\",\"content\":\"Answer ").Append(i).Append(".\"}]}\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
