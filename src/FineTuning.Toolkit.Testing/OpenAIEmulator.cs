using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using FineTuning.Toolkit.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace FineTuning.Toolkit.Testing;

/// <summary>
/// An emulator of the OpenAI API (files, uploads, fine-tuning jobs, models, chat completions, batches, embeddings)
/// served by Kestrel on 127.0.0.1, like Azurite for Azure Storage. It simulates the service's behaviour and
/// shapes so the real OpenAI SDK can be tested over real HTTP with no key and no cost. <b>It trains nothing.</b>
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Speed = 1000 });
/// OpenAIClient client = emulator.CreateOpenAIClient();
/// </code>
/// </example>
public sealed class OpenAIEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorRuntime _runtime;
    private int _disposed;

    private OpenAIEmulator(WebApplication app, EmulatorRuntime runtime, Uri root)
    {
        _app = app;
        _runtime = runtime;
        BaseUrl = new Uri(root, "v1/");
        AzureBaseUrl = new Uri(root, "openai/v1/");
        ArmBaseUrl = new Uri(root, "arm/");
        TogetherBaseUrl = new Uri(root, "together/v1/");
    }

    /// <summary>The OpenAI-flavoured base URL, ending in <c>/v1/</c> (use it as <c>OpenAIClientOptions.Endpoint</c>).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The Azure-flavoured base URL, ending in <c>/openai/v1/</c>.</summary>
    public Uri AzureBaseUrl { get; }

    /// <summary>The Together AI-flavoured base URL, ending in <c>/together/v1/</c> (use it as <c>TOGETHER_BASE_URL</c>).</summary>
    public Uri TogetherBaseUrl { get; }

    /// <summary>
    /// The emulated Azure Resource Manager endpoint, ending in <c>/arm/</c>: use it as <c>AZURE_MANAGEMENT_ENDPOINT</c>
    /// (<see cref="AzureManagementOptions.ManagementEndpoint"/>) with <see cref="ApiKey"/> as the ARM bearer token.
    /// </summary>
    public Uri ArmBaseUrl { get; }

    /// <summary>The API key the emulator accepts (a fixed test value by default; never a real key).</summary>
    public string ApiKey => _runtime.Options.ApiKey;

    /// <summary>The fault plan and the counters of injected faults.</summary>
    public EmulatorFaults Faults => _runtime.Faults;

    /// <summary>Read access to the emulated state, for assertions.</summary>
    public EmulatorState State => _runtime.State;

    /// <summary>Gets the emulator's internals (for the emulator's own tests).</summary>
    internal EmulatorRuntime Runtime => _runtime;

    /// <summary>Starts an emulator on 127.0.0.1.</summary>
    /// <param name="options">Settings; null uses the defaults (random port, fixed test key, real-time clock).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running emulator; dispose it to stop.</returns>
    /// <exception cref="FormatException"><see cref="OpenAIEmulatorOptions.Faults"/> is malformed.</exception>
    /// <exception cref="IOException"><see cref="OpenAIEmulatorOptions.DataDirectory"/> is a file or cannot be created.</exception>
    /// <exception cref="InvalidDataException">The state file in <see cref="OpenAIEmulatorOptions.DataDirectory"/> is not valid.</exception>
    public static async Task<OpenAIEmulator> StartAsync(OpenAIEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OpenAIEmulatorOptions();
        ArgumentException.ThrowIfNullOrEmpty(options.ApiKey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Speed, 0.0);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        var runtime = new EmulatorRuntime(options);
        if (options.DataDirectory is not null)
        {
            EmulatorStore.PrepareFolder(options.DataDirectory);
            runtime.Store.Load(options.DataDirectory);
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(OpenAIEmulator).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = 600L * 1024 * 1024;
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(runtime);
        var app = builder.Build();
        app.UseMiddleware<EmulatorMiddleware>(runtime);
        var deployments = new EmulatorDeployments(runtime.Store, runtime.Clock, options.DeploymentProvisioningDuration);
        app.Use(EmulatorArmEndpoints.ChatByDeployment(deployments));
        app.UseRouting();
        EmulatorEndpoints.Map(app, runtime);
        EmulatorArmEndpoints.Map(app, deployments);
        EmulatorAzureEndpoints.Map(app, runtime.Store);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new OpenAIEmulator(app, runtime, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>
    /// Creates an <see cref="OpenAIClient"/> bound to this emulator (Bearer key, <see cref="BaseUrl"/>), with a short
    /// network timeout and the SDK's retry policy limited to <paramref name="maxRetries"/>.
    /// </summary>
    /// <param name="maxRetries">Retries of the SDK's own policy (default 2).</param>
    /// <param name="networkTimeout">Per-request timeout (default 10 s).</param>
    /// <returns>A client; its sub-clients (files, fine-tuning, chat, …) talk to the emulator.</returns>
    public OpenAIClient CreateOpenAIClient(int maxRetries = 2, TimeSpan? networkTimeout = null) =>
        new(new ApiKeyCredential(ApiKey), CreateClientOptions(BaseUrl, maxRetries, networkTimeout));

    /// <summary>
    /// Creates an <see cref="OpenAIClient"/> that talks to the emulator the Azure way: <c>api-key</c> header and
    /// <see cref="AzureBaseUrl"/> (<c>/openai/v1/</c>).
    /// </summary>
    /// <param name="maxRetries">Retries of the SDK's own policy (default 2).</param>
    /// <param name="networkTimeout">Per-request timeout (default 10 s).</param>
    /// <returns>A client using Azure's authentication header and path prefix.</returns>
#pragma warning disable OPENAI001 // The authentication-policy constructor is experimental; it is how Azure's api-key header is sent.
    public OpenAIClient CreateAzureFlavoredClient(int maxRetries = 2, TimeSpan? networkTimeout = null) =>
        new(ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(new ApiKeyCredential(ApiKey), "api-key"), CreateClientOptions(AzureBaseUrl, maxRetries, networkTimeout));
#pragma warning restore OPENAI001

    private static OpenAIClientOptions CreateClientOptions(Uri endpoint, int maxRetries, TimeSpan? networkTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        return new OpenAIClientOptions
        {
            Endpoint = endpoint,
            NetworkTimeout = networkTimeout ?? TimeSpan.FromSeconds(10),
            RetryPolicy = new ClientRetryPolicy(maxRetries),
        };
    }

    /// <summary>
    /// Saves the state to <see cref="OpenAIEmulatorOptions.DataDirectory"/> now (it is also saved after each change and on
    /// dispose). Does nothing without a data folder.
    /// </summary>
    /// <exception cref="IOException">The state could not be written (the message says where and why).</exception>
    public void SaveState()
    {
        if (_runtime.Options.DataDirectory is { } folder)
        {
            try
            {
                _runtime.Store.Save(folder);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new IOException($"The emulator state could not be saved to '{folder}': {ex.Message}", ex);
            }
            catch (IOException ex)
            {
                throw new IOException($"The emulator state could not be saved to '{folder}': {ex.Message}", ex);
            }
        }
    }

    /// <summary>Stops the server (and saves state when <see cref="OpenAIEmulatorOptions.DataDirectory"/> is set).</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            if (_runtime.Options.DataDirectory is { } folder)
            {
                _runtime.Store.TrySave(folder, _runtime.Logger);
            }

            await _app.DisposeAsync().ConfigureAwait(false);
            _runtime.Store.Dispose();
        }
    }
}
