using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace FineTuning.Toolkit.Cli.Infrastructure;

/// <summary>
/// The connection the evaluation commands use: the embedded emulator (<c>--emulator</c>), or the library's one
/// connection from the environment (the same rule as <c>ftk train</c>; <see cref="CliConnection"/>).
/// </summary>
internal sealed class EvalConnection : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private EvalConnection(ServiceProvider services, OpenAIEmulator? emulator)
    {
        _services = services;
        Connection = services.GetRequiredService<ProviderConnection>();
        Emulator = emulator;
    }

    /// <summary>Gets the connection.</summary>
    public ProviderConnection Connection { get; }

    /// <summary>Gets the OpenAI client of the connection (its pipeline carries the toolkit's retry policy).</summary>
    public OpenAIClient Client => Connection.Client;

    /// <summary>Gets the provider name used for prices and reports (<c>openai</c> or <c>azure</c>).</summary>
    public string ProviderName => Connection.Provider switch { FineTuningProvider.Azure => "azure.ai.openai", FineTuningProvider.Together => "together", _ => "openai" };

    public OpenAIEmulator? Emulator { get; }

    public static async Task<EvalConnection> OpenAsync(bool useEmulator, string? emulatorData, string? provider, string? baseUrl, string? apiKeyVariable, CancellationToken cancellationToken)
    {
        if (useEmulator)
        {
            var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { DataDirectory = emulatorData }, cancellationToken).ConfigureAwait(false);
            try
            {
                return new EvalConnection(CliConnection.CreateServices(CliConnection.EmulatorOptions(emulator)), emulator);
            }
            catch
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return new EvalConnection(CliConnection.CreateServices(CliConnection.Options(provider, baseUrl, apiKeyVariable)), null);
    }

    /// <summary>Gets the connection's services (deployment client, catalog, …).</summary>
    public IServiceProvider Services => _services;

    public IChatClient CreateChatClient(string model) => Connection.GetChatClient(model);

    public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(string model) => Connection.GetEmbeddingGenerator(model);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        if (Emulator is not null) await Emulator.DisposeAsync().ConfigureAwait(false);
    }
}
