using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Jobs.Methods;
using FineTuning.Toolkit.Tests.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Tests.Connections;

public sealed class ProviderCapabilitiesTests
{
    private static ConnectionSettings? Resolve(FineTuningToolkitOptions options, IReadOnlyDictionary<string, string?> env, out IReadOnlyList<string> errors)
    {
        new FineTuningToolkitOptionsSetup(name => env.GetValueOrDefault(name)).PostConfigure(null, options);
        return ConnectionResolver.Resolve(options, out errors);
    }

    [Fact]
    public void A_Together_key_alone_chooses_Together_at_its_default_endpoint_with_a_bearer_key()
    {
        var settings = Resolve(new FineTuningToolkitOptions(), new Dictionary<string, string?> { ["TOGETHER_API_KEY"] = "tg-key" }, out var errors);
        Assert.True(settings is not null, string.Join(" | ", errors));
        Assert.Equal(FineTuningProvider.Together, settings!.Provider);
        Assert.Equal("https://api.together.ai/v1/", settings.BaseAddress!.AbsoluteUri);
        Assert.Equal(AuthKind.BearerKey, settings.Auth);
        Assert.Equal("tg-key", settings.ApiKey);
        Assert.Same(ProviderCapabilities.Together, settings.Capabilities);
    }

    [Fact]
    public void An_OpenAI_key_wins_over_a_Together_key_and_TOGETHER_BASE_URL_moves_the_endpoint()
    {
        var env = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-a", ["TOGETHER_API_KEY"] = "tg", ["TOGETHER_BASE_URL"] = "http://127.0.0.1:9/together/v1" };
        Assert.Equal(FineTuningProvider.OpenAI, Resolve(new FineTuningToolkitOptions(), env, out _)!.Provider);
        var together = Resolve(new FineTuningToolkitOptions { Provider = FineTuningProvider.Together }, env, out _)!;
        Assert.Equal("http://127.0.0.1:9/together/v1/", together.BaseAddress!.AbsoluteUri);
        Assert.Equal("tg", together.ApiKey);
    }

    [Theory]
    [InlineData("together", FineTuningProvider.Together)]
    [InlineData("Together-AI", FineTuningProvider.Together)]
    [InlineData("compatible", FineTuningProvider.Compatible)]
    public void Provider_names_parse(string name, FineTuningProvider expected)
    {
        Assert.True(ConnectionResolver.TryParseProvider(name, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void A_compatible_profile_is_bound_from_configuration_with_a_preset_and_overrides()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FineTuning:Provider"] = "Compatible",
            ["FineTuning:UseEnvironmentVariables"] = "false",
            ["FineTuning:Compatible:BaseUrl"] = "https://bedrock-mantle.us-east-1.api.aws/v1",
            ["FineTuning:Compatible:ApiKey"] = "bedrock-key",
            ["FineTuning:Compatible:Preset"] = "bedrock",
            ["FineTuning:Compatible:SupportsPause"] = "true",
            ["FineTuning:Compatible:StatusAliases:in_progress"] = "running",
        }).Build();
        using var services = new ServiceCollection().AddFineTuning(configuration.GetSection("FineTuning")).Services.BuildServiceProvider();
        var connection = services.GetRequiredService<IFineTuningConnection>();
        Assert.Equal(FineTuningProvider.Compatible, connection.Provider);
        Assert.Equal("https://bedrock-mantle.us-east-1.api.aws/v1/", connection.Endpoint.AbsoluteUri);
        var caps = connection.Capabilities;
        Assert.False(caps.SupportsSuffix);
        Assert.True(caps.SupportsPause);
        Assert.Equal("bedrock", caps.CatalogProvider);
        Assert.Equal("running", caps.MapStatus("in_progress"));
        Assert.Contains("suffix", caps.Refusal("supervised", "mine", null), StringComparison.Ordinal);
        Assert.Contains("dpo", caps.Refusal("dpo", null, null), StringComparison.Ordinal);
        Assert.Contains("lambda", caps.Refusal("reinforcement", null, "string_check"), StringComparison.Ordinal);
        Assert.Null(caps.Refusal("reinforcement", null, "lambda"));
    }

    [Fact]
    public void An_unknown_preset_or_method_is_an_error_naming_the_setting()
    {
        var options = new FineTuningToolkitOptions { Provider = FineTuningProvider.Compatible, UseEnvironmentVariables = false, ApiKey = "k" };
        options.Compatible.BaseUrl = new Uri("https://example.com/v1");
        options.Compatible.Preset = "mystery";
        options.Compatible.Methods = ["supervised", "magic"];
        Assert.Null(Resolve(options, new Dictionary<string, string?>(), out var errors));
        var text = string.Join(" | ", errors);
        Assert.Contains("FineTuning:Compatible:Preset", text, StringComparison.Ordinal);
        Assert.Contains("'magic'", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_generic_profile_against_the_OpenAI_flavour_refuses_a_suffix_locally_and_maps_statuses()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.Compatible, options: o =>
        {
            o.Compatible.SupportsSuffix = false;
            o.Compatible.SupportsPause = false;
            o.Compatible.StatusAliases = new Dictionary<string, string> { ["succeeded"] = "completed_ok" };
        });
        var upload = await host.Uploader.UploadAsync(host.WriteDataset(), cancellationToken: CancellationToken.None);
        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => host.Jobs.CreateJobAsync(
            new FineTuningJobRequest { Model = "gpt-4o-mini-2024-07-18", TrainingFileId = upload.File.Id, Suffix = "mine" }, CancellationToken.None));
        Assert.Contains("suffix", refused.Message, StringComparison.Ordinal);
        Assert.Empty(host.Emulator.State.GetJobs());

        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini-2024-07-18", TrainingFileId = upload.File.Id }, CancellationToken.None);
        await Assert.ThrowsAsync<NotSupportedException>(() => host.Jobs.PauseJobAsync(job.Id, CancellationToken.None));
        FineTuningJobInfo? done = null;
        for (var i = 0; i < 400 && done?.Status.Value != "completed_ok"; i++)
        {
            await Task.Delay(25, CancellationToken.None);
            done = await host.Jobs.GetJobAsync(job.Id, CancellationToken.None);
        }

        Assert.Equal("completed_ok", done!.Status.Value);
    }
}
