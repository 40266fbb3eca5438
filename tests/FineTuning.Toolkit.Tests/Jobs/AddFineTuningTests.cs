using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class AddFineTuningTests
{
    private static readonly ServiceProviderOptions Strict = new() { ValidateOnBuild = true, ValidateScopes = true };

    [Fact]
    public void Provider_builds_with_ValidateOnBuild_and_resolves_the_jobs_services()
    {
        var services = new ServiceCollection();
        services.AddFineTuning(o =>
        {
            o.UseEnvironmentVariables = false;
            o.ApiKey = "sk-test";
        });
        using var provider = services.BuildServiceProvider(Strict);
        Assert.NotNull(provider.GetRequiredService<IFineTuningJobClient>());
        Assert.Same(provider.GetRequiredService<IFineTuningJobClient>(), provider.GetRequiredService<IFineTuningFileClient>());
        Assert.NotNull(provider.GetRequiredService<DatasetUploader>());
        Assert.NotNull(provider.GetRequiredService<FineTuningJobMonitor>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Equal(FineTuningProvider.OpenAI, provider.GetRequiredService<IFineTuningJobClient>().Provider);
    }

    [Fact]
    public void Registering_twice_adds_no_duplicates()
    {
        var once = new ServiceCollection();
        once.AddFineTuning(o => o.ApiKey = "sk-test");
        var twice = new ServiceCollection();
        twice.AddFineTuning(o => o.ApiKey = "sk-test");
        twice.AddFineTuning(o => o.ApiKey = "sk-test");

        static int Count(IServiceCollection s, Type t) => s.Count(d => d.ServiceType == t);
        foreach (var type in new[] { typeof(IFineTuningJobClient), typeof(IFineTuningFileClient), typeof(DatasetUploader), typeof(FineTuningJobMonitor), typeof(TimeProvider), typeof(IValidateOptions<FineTuningToolkitOptions>), typeof(IPostConfigureOptions<FineTuningToolkitOptions>) })
        {
            Assert.Equal(Count(once, type), Count(twice, type));
        }

        using var provider = twice.BuildServiceProvider(Strict);
        Assert.Single(provider.GetServices<IFineTuningJobClient>());
    }

    [Fact]
    public void Own_registrations_win()
    {
        var services = new ServiceCollection();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        services.AddSingleton<TimeProvider>(clock);
        services.AddFineTuning(o => o.ApiKey = "sk-test");
        using var provider = services.BuildServiceProvider(Strict);
        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task Bad_options_fail_when_the_host_starts_with_every_problem_named()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFineTuning(o =>
        {
            o.UseEnvironmentVariables = false;
            o.Provider = FineTuningProvider.Azure;
            o.Retry.MaxRetries = -1;
            o.Polling.RunningInterval = TimeSpan.Zero;
            o.Upload.PartSize = 0;
        });
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("ApiKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AZURE_OPENAI_API_KEY", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AZURE_OPENAI_ENDPOINT) is required for Azure", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetries", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RunningInterval", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PartSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Good_options_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFineTuning(o => o.ApiKey = "sk-test");
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public void Binds_every_key_from_the_FineTuning_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FineTuning:Provider"] = "azure",
            ["FineTuning:Endpoint"] = "https://contoso.openai.azure.com",
            ["FineTuning:ApiKey"] = "az-key",
            ["FineTuning:DefaultModel"] = "gpt-4.1-mini",
            ["FineTuning:AzureTrainingType"] = "GlobalStandard",
            ["FineTuning:BudgetCapUsd"] = "25.5",
            ["FineTuning:RequestTimeout"] = "00:00:30",
            ["FineTuning:Retry:MaxRetries"] = "7",
            ["FineTuning:Retry:MaxRetryAfter"] = "00:00:10",
            ["FineTuning:Polling:RunningInterval"] = "00:00:05",
            ["FineTuning:Upload:PartSize"] = "1048576",
            ["FineTuning:Upload:MaxParallelParts"] = "8",
        }).Build();
        var services = new ServiceCollection();
        services.AddFineTuning(configuration.GetSection(FineTuningToolkitOptions.SectionName));
        using var provider = services.BuildServiceProvider(Strict);
        var options = provider.GetRequiredService<IOptions<FineTuningToolkitOptions>>().Value;
        Assert.Equal(FineTuningProvider.Azure, options.Provider);
        Assert.Equal(new Uri("https://contoso.openai.azure.com/openai/v1/"), Endpoint(options));
        Assert.Equal(AzureTrainingType.GlobalStandard, options.AzureTrainingType);
        Assert.Equal(25.5m, options.BudgetCapUsd);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
        Assert.Equal(7, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Retry.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Polling.RunningInterval);
        Assert.Equal(1048576, options.Upload.PartSize);
        Assert.Equal(8, options.Upload.MaxParallelParts);
        Assert.Equal(FineTuningProvider.Azure, provider.GetRequiredService<IFineTuningJobClient>().Provider);
        Assert.DoesNotContain("az-key", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_variables_fill_missing_key_and_endpoint_per_provider()
    {
        var env = new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = "sk-env",
            ["OPENAI_BASE_URL"] = "http://127.0.0.1:9/v1",
            ["AZURE_OPENAI_API_KEY"] = "az-env",
            ["AZURE_OPENAI_ENDPOINT"] = "https://res.openai.azure.com/",
        };
        var setup = new FineTuningToolkitOptionsSetup(name => env.GetValueOrDefault(name));
        var openai = new FineTuningToolkitOptions();
        setup.PostConfigure(null, openai);
        Assert.Equal("sk-env", openai.ApiKey);
        Assert.Equal(new Uri("http://127.0.0.1:9/v1/"), Endpoint(openai));

        var azure = new FineTuningToolkitOptions { Provider = FineTuningProvider.Azure };
        setup.PostConfigure(null, azure);
        Assert.Equal("az-env", azure.ApiKey);
        Assert.Equal(new Uri("https://res.openai.azure.com/openai/v1/"), Endpoint(azure));

        var explicitKey = new FineTuningToolkitOptions { ApiKey = "mine" };
        setup.PostConfigure(null, explicitKey);
        Assert.Equal("mine", explicitKey.ApiKey);

        var off = new FineTuningToolkitOptions { UseEnvironmentVariables = false };
        setup.PostConfigure(null, off);
        Assert.Null(off.ApiKey);
    }

    [Fact]
    public void Options_ToString_hides_the_key()
    {
        var options = new FineTuningToolkitOptions { ApiKey = "sk-very-secret" };
        Assert.DoesNotContain("sk-very-secret", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey=***", options.ToString(), StringComparison.Ordinal);
    }

    private static Uri? Endpoint(FineTuningToolkitOptions options) => ConnectionResolver.Resolve(options, out _)?.BaseAddress;
}
