using FineTuning.Toolkit.Cli;
using FineTuning.Toolkit.Connections;

namespace FineTuning.Toolkit.Cli.Tests.Connections;

/// <summary>train, jobs, watch, export, eval, probe and the quickstart choose the provider by the library's one rule.</summary>
public sealed class ProviderChoiceTests
{
    private static ConnectionSettings? Resolve(FineTuningToolkitOptions options, IReadOnlyDictionary<string, string?> env, out IReadOnlyList<string> errors)
    {
        new FineTuningToolkitOptionsSetup(name => env.GetValueOrDefault(name)).PostConfigure(null, options);
        return ConnectionResolver.Resolve(options, out errors);
    }

    [Theory]
    [InlineData("sk-o", null, null, null, FineTuningProvider.OpenAI)]
    [InlineData(null, "https://r.openai.azure.com", "az", null, FineTuningProvider.Azure)]
    [InlineData("sk-o", "https://r.openai.azure.com", "az", null, FineTuningProvider.OpenAI)]
    [InlineData("sk-o", "https://r.openai.azure.com", "az", "azure", FineTuningProvider.Azure)]
    [InlineData(null, "https://r.openai.azure.com", "az", "openai", FineTuningProvider.OpenAI)]
    public void One_provider_rule_for_the_library_the_CLI_and_the_quickstart(string? openAiKey, string? azureEndpoint, string? azureKey, string? ftkProvider, FineTuningProvider expected)
    {
        var env = new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = openAiKey,
            ["AZURE_OPENAI_ENDPOINT"] = azureEndpoint,
            ["AZURE_OPENAI_API_KEY"] = azureKey,
            ["FTK_PROVIDER"] = ftkProvider,
        };

        // The library's DI path (AddFineTuning → post-configure → resolver).
        var library = Resolve(new FineTuningToolkitOptions(), env, out _);

        // The CLI path used by train, jobs, watch, export, eval, probe (CliConnection) and the quickstart's check.
        Func<string, string?> read = name => env.GetValueOrDefault(name);
        var cli = TryCli(read);
        var quickstartUsesService = Commands.Quickstart.QuickstartFlow.HasCredentials(read);

        if (expected == FineTuningProvider.OpenAI && openAiKey is null)
        {
            // OpenAI chosen but no key: every entry point refuses, none silently falls back to Azure.
            Assert.Null(library);
            Assert.Null(cli);
            return;
        }

        Assert.Equal(expected, library!.Provider);
        Assert.Equal(expected, cli!.Provider);
        Assert.Equal(library.BaseAddress, cli.BaseAddress);
        Assert.True(quickstartUsesService);
    }

    private static ConnectionSettings? TryCli(Func<string, string?> read)
    {
        try
        {
            return CliConnection.Resolve(new FineTuningToolkitOptions(), read);
        }
        catch (CliUsageException)
        {
            return null;
        }
    }

}
