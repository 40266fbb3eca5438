using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.Core;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Tests.Connections;

public sealed class ConnectionTests
{
    [Fact]
    public void Ftk_poll_interval_caps_every_polling_interval_and_a_bad_value_names_the_variable()
    {
        var options = new FineTuningToolkitOptions { Provider = FineTuningProvider.OpenAI, ApiKey = "sk-test" };
        options.Polling.RunningInterval = TimeSpan.FromMilliseconds(100);
        ConnectionResolver.ApplyEnvironment(options, name => name == "FTK_POLL_INTERVAL" ? "0.5" : null);
        Assert.Equal(TimeSpan.FromSeconds(0.5), options.Polling.QueuedInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.Polling.RunningInterval); // only lowered, never raised
        Assert.Equal(TimeSpan.FromSeconds(0.5), options.Polling.MaxInterval);
        Assert.Equal(TimeSpan.FromSeconds(0.5), options.Polling.OutageInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Polling.MaxOutage);
        Assert.Empty(options.EnvironmentErrors);

        foreach (var bad in new[] { "fast", "0", "-1", "7200" })
        {
            var other = new FineTuningToolkitOptions { Provider = FineTuningProvider.OpenAI, ApiKey = "sk-test" };
            ConnectionResolver.ApplyEnvironment(other, name => name == "FTK_POLL_INTERVAL" ? bad : null);
            Assert.Equal(TimeSpan.FromSeconds(30), other.Polling.QueuedInterval);
            Assert.Contains(other.EnvironmentErrors, e => e.StartsWith($"FTK_POLL_INTERVAL is '{bad}'", StringComparison.Ordinal));
        }
    }

    private static ConnectionSettings? Resolve(FineTuningToolkitOptions options, IReadOnlyDictionary<string, string?> env, out IReadOnlyList<string> errors)
    {
        new FineTuningToolkitOptionsSetup(name => env.GetValueOrDefault(name)).PostConfigure(null, options);
        return ConnectionResolver.Resolve(options, out errors);
    }

    private static ConnectionSettings ResolveOk(FineTuningToolkitOptions options, IReadOnlyDictionary<string, string?> env)
    {
        var settings = Resolve(options, env, out var errors);
        Assert.True(settings is not null, string.Join(" | ", errors));
        return settings!;
    }

    private static string ResolveError(FineTuningToolkitOptions options, IReadOnlyDictionary<string, string?> env)
    {
        Assert.Null(Resolve(options, env, out var errors));
        Assert.NotEmpty(errors);
        return string.Join(" | ", errors);
    }

    [Fact]
    public void A_malformed_base_url_in_the_environment_is_an_error_naming_the_variable()
    {
        var error = ResolveError(new FineTuningToolkitOptions(), new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-x", ["OPENAI_BASE_URL"] = "garbage" });
        Assert.Contains("OPENAI_BASE_URL", error, StringComparison.Ordinal);
        Assert.Contains("garbage", error, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-x", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_FTK_PROVIDER_is_an_error()
    {
        var error = ResolveError(new FineTuningToolkitOptions(), new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-x", ["FTK_PROVIDER"] = "bogus" });
        Assert.Contains("FTK_PROVIDER", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://res.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21", "https://res.openai.azure.com/")]
    [InlineData("https://res.openai.azure.com/openai/v1/chat/completions", "https://res.openai.azure.com/openai/v1/")]
    public void A_pasted_Azure_request_url_is_refused_with_the_endpoint_to_use(string pasted, string advice)
    {
        var env = new Dictionary<string, string?> { ["AZURE_OPENAI_ENDPOINT"] = pasted, ["AZURE_OPENAI_API_KEY"] = "az" };
        var error = ResolveError(new FineTuningToolkitOptions(), env);
        Assert.Contains("AZURE_OPENAI_ENDPOINT", error, StringComparison.Ordinal);
        Assert.Contains("use " + advice + " instead", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://res.openai.azure.com", "https://res.openai.azure.com/openai/v1/", 1, ConnectionResolver.CognitiveServicesScope)]
    [InlineData("https://res.openai.azure.com/openai/", "https://res.openai.azure.com/openai/v1/", 1, ConnectionResolver.CognitiveServicesScope)]
    [InlineData("https://acct.services.ai.azure.com/api/projects/proj1", "https://acct.services.ai.azure.com/api/projects/proj1/openai/v1/", 2, ConnectionResolver.FoundryProjectScope)]
    [InlineData("https://acct.services.ai.azure.com/api/projects/proj1/openai/v1/", "https://acct.services.ai.azure.com/api/projects/proj1/openai/v1/", 2, ConnectionResolver.FoundryProjectScope)]
    public void Azure_resource_and_Foundry_project_endpoints_get_their_base_address_and_token_scope(string endpoint, string expectedBase, int kindValue, string scope)
    {
        var options = new FineTuningToolkitOptions { Provider = FineTuningProvider.Azure, Endpoint = new Uri(endpoint), UseDefaultAzureCredential = true, UseEnvironmentVariables = false };
        var settings = ResolveOk(options, new Dictionary<string, string?>());
        Assert.Equal(expectedBase, settings.BaseAddress!.ToString());
        Assert.Equal((EndpointKind)kindValue, settings.Kind);
        Assert.Equal(AuthKind.TokenCredential, settings.Auth);
        Assert.Equal(scope, settings.Scope);
    }

    [Fact]
    public void A_key_with_a_line_break_is_refused_before_any_header_is_built()
    {
        var error = ResolveError(new FineTuningToolkitOptions(), new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-a\r\nX-Injected: yes" });
        Assert.Contains("control character", error, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Injected", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compatible_needs_a_base_url()
    {
        var error = ResolveError(new FineTuningToolkitOptions { Provider = FineTuningProvider.Compatible, ApiKey = "k" }, new Dictionary<string, string?>());
        Assert.Contains("FTK_COMPATIBLE_BASE_URL", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_fail_at_start_with_the_setting_named()
    {
        var services = new ServiceCollection();
        services.AddFineTuning(o =>
        {
            o.UseEnvironmentVariables = false;
            o.ApiKey = "sk-x";
            o.Retry.MaxRetries = 99;
            o.Retry.TotalTimeout = TimeSpan.Zero;
        });
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FineTuningToolkitOptions>>().Value);
        var text = string.Join(" | ", ex.Failures);
        Assert.Contains("MaxRetries", text, StringComparison.Ordinal);
        Assert.Contains("TotalTimeout", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_catalog_section_fails_when_the_host_starts()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FineTuning:ApiKey"] = "sk-x",
            ["FineTuning:UseEnvironmentVariables"] = "false",
            ["FineTuning:Catalog:RetirementWarningDays"] = "-1",
        }).Build();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddFineTuning(configuration.GetSection(FineTuningToolkitOptions.SectionName));
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("FineTuning:Catalog:RetirementWarningDays", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entra_ID_sends_a_bearer_token_for_the_resource_scope()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var credential = new RecordingCredential(emulator.ApiKey);
        var services = new ServiceCollection();
        services.AddFineTuning(o =>
        {
            o.Provider = FineTuningProvider.Azure;
            o.Endpoint = new Uri(emulator.BaseUrl.GetLeftPart(UriPartial.Authority));
            o.UseEnvironmentVariables = false;
        }).UseTokenCredential(credential);
        await using var provider = services.BuildServiceProvider();
        var connection = provider.GetRequiredService<IFineTuningConnection>();
        Assert.Equal(emulator.AzureBaseUrl, connection.Endpoint);

        var jobs = provider.GetRequiredService<IFineTuningJobClient>();
        await foreach (var job in jobs.ListJobsAsync())
        {
            _ = job;
        }

        Assert.Contains(ConnectionResolver.CognitiveServicesScope, credential.Scopes);
        Assert.DoesNotContain(credential.Scopes, s => s != ConnectionResolver.CognitiveServicesScope);
    }

    [Fact]
    public async Task Chat_clients_from_the_connection_reach_any_model_through_the_same_pipeline()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var services = new ServiceCollection();
        services.AddFineTuning(o =>
        {
            o.Endpoint = emulator.BaseUrl;
            o.ApiKey = emulator.ApiKey;
            o.UseEnvironmentVariables = false;
        });
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<IFineTuningConnection>().GetChatClient("gpt-4.1-mini-2025-04-14");
        var response = await chat.GetResponseAsync("Hello");
        Assert.False(string.IsNullOrWhiteSpace(response.Text));
    }

    [Fact]
    public async Task Cancelling_during_a_retried_call_is_a_cancellation_not_an_aggregate_of_the_attempts()
    {
        // Attempt 1 loses its connection; attempt 2 hangs until the caller's token fires. The SDK's retry policy then throws an
        // AggregateException of both attempts; the connection must surface the cancellation (a watch's outage budget relies on it).
        var retry = new FineTuningRetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) };
        var transport = new HttpClientPipelineTransport(new HttpClient(new ResetThenHang()));
        var connection = Build(retry, TimeProvider.System, transport);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            connection.Api.SendAsync(new ApiRequest("jobs.get", "GET", "fine_tuning/jobs/ftjob-x"), r => r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), null, cts.Token));
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    private sealed class ResetThenHang : HttpMessageHandler
    {
        private int _calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                throw new HttpRequestException("Connection reset by peer", new IOException("reset"));
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    [Fact]
    public async Task The_retry_policy_retries_transient_statuses_on_the_time_provider_and_stops_at_the_budget()
    {
        var time = new FakeTimeProvider();
        var retry = new FineTuningRetryOptions { MaxRetries = 5, BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(10), TotalTimeout = TimeSpan.FromSeconds(25) };
        var transport = new ScriptedTransport(503, 503, 503, 503, 200);
        var connection = Build(retry, time, transport);
        var call = connection.Api.SendAsync(new ApiRequest("jobs.list", "GET", "fine_tuning/jobs"), r => r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), null, CancellationToken.None);
        for (var i = 0; i < 10 && !call.IsCompleted; i++)
        {
            await Task.Delay(20);
            time.Advance(TimeSpan.FromSeconds(10));
        }

        var ex = await Assert.ThrowsAsync<FineTuningApiException>(() => call);
        Assert.Equal(503, ex.StatusCode);

        // 10 s waits (with jitter 5–10 s) fit the 25 s budget at most 4 times; the fifth 503→200 is never reached.
        Assert.InRange(transport.Calls, 3, 5);
        Assert.True(transport.Calls < 5);
    }

    [Fact]
    public async Task Retry_after_headers_are_honoured_up_to_the_cap()
    {
        var time = new FakeTimeProvider();
        var retry = new FineTuningRetryOptions { MaxRetries = 2, MaxRetryAfter = TimeSpan.FromSeconds(7) };
        var transport = new ScriptedTransport(429, 200) { RetryAfterSeconds = "3600" };
        var connection = Build(retry, time, transport);
        var call = connection.Api.SendAsync(new ApiRequest("jobs.list", "GET", "fine_tuning/jobs"), r => "ok", null, CancellationToken.None);
        await Task.Delay(50);
        time.Advance(TimeSpan.FromSeconds(6));
        await Task.Delay(50);
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("ok", await call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, transport.Calls);
    }

    [Fact]
    public async Task Echoed_keys_are_redacted_from_every_error_field()
    {
        var transport = new ScriptedTransport(400) { ErrorBody = "{\"error\":{\"message\":\"bad key sk-secret-abcdefghijklmnopqrstuvwx\",\"code\":\"sk-secret-abcdefghijklmnopqrstuvwx\",\"param\":\"0123456789abcdef0123456789abcdef\",\"type\":\"invalid_request_error\"}}" };
        var connection = Build(new FineTuningRetryOptions(), TimeProvider.System, transport, apiKey: "sk-secret-abcdefghijklmnopqrstuvwx");
        var ex = await Assert.ThrowsAsync<FineTuningApiException>(() => connection.Api.SendAsync(new ApiRequest("jobs.list", "GET", "fine_tuning/jobs"), r => "ok", null, CancellationToken.None));
        foreach (var text in new[] { ex.Message, ex.ErrorCode, ex.Param, ex.ServiceMessage, ex.ToString() })
        {
            Assert.DoesNotContain("sk-secret", text ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain("0123456789abcdef0123456789abcdef", text ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Error_bodies_are_redacted_in_the_pipeline_before_any_client_reads_them()
    {
        // A configured key that is not key-shaped (so only the connection's redactor knows it) echoed by a proxy.
        var transport = new ScriptedTransport(400) { ErrorBody = "{\"error\":{\"message\":\"bad key my-proxy-key-7\"}}" };
        var pipeline = ClientPipeline.Create(
            new ClientPipelineOptions { Transport = transport, RetryPolicy = new ClientRetryPolicy(0) },
            perCallPolicies: default,
            perTryPolicies: [new ErrorRedactionPolicy(new SecretRedactor("my-proxy-key-7"))],
            beforeTransportPolicies: default);
        using var message = pipeline.CreateMessage();
        message.Request.Method = "GET";
        message.Request.Uri = new Uri("http://127.0.0.1:9/v1/models");
        await pipeline.SendAsync(message);
        var body = message.Response!.Content.ToString();
        Assert.Contains("bad key ***", body, StringComparison.Ordinal);
        Assert.DoesNotContain("my-proxy-key-7", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_404_from_a_wrong_route_is_not_a_missing_job()
    {
        var transport = new ScriptedTransport(404) { ErrorBody = "{\"error\":{\"message\":\"Invalid URL (GET /v1/fine_tuning/jobs/x)\",\"type\":\"invalid_request_error\"}}" };
        var connection = Build(new FineTuningRetryOptions(), TimeProvider.System, transport);
        var ex = await Assert.ThrowsAsync<FineTuningApiException>(() => connection.Api.SendOrNotFoundAsync(new ApiRequest("jobs.get", "GET", "fine_tuning/jobs/x"), r => "job", CancellationToken.None));
        Assert.Contains("no such route", ex.Message, StringComparison.Ordinal);

        var missing = new ScriptedTransport(404) { ErrorBody = "{\"error\":{\"message\":\"Could not find fine-tuning job x.\",\"code\":\"fine_tuning_job_not_found\"}}" };
        Assert.Null(await Build(new FineTuningRetryOptions(), TimeProvider.System, missing).Api.SendOrNotFoundAsync(new ApiRequest("jobs.get", "GET", "fine_tuning/jobs/x"), r => "job", CancellationToken.None));
    }

    private static ProviderConnection Build(FineTuningRetryOptions retry, TimeProvider time, PipelineTransport transport, string apiKey = "sk-test")
    {
        var options = new FineTuningToolkitOptions { ApiKey = apiKey, Endpoint = new Uri("http://127.0.0.1:9/v1/"), Retry = retry, UseEnvironmentVariables = false };
        var policy = new ToolkitRetryPolicy(retry, time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var client = new OpenAI.OpenAIClient(new ApiKeyCredential(apiKey), new OpenAI.OpenAIClientOptions { Endpoint = options.Endpoint, Transport = transport, RetryPolicy = policy });
        return ProviderConnection.Create(options, time, null, client);
    }

    private sealed class RecordingCredential(string token) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }

            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private sealed class ScriptedTransport : HttpClientPipelineTransport
    {
        private readonly Handler _handler;

        public ScriptedTransport(params int[] statuses)
            : this(new Handler(statuses))
        {
        }

        private ScriptedTransport(Handler handler)
            : base(new HttpClient(handler))
        {
            _handler = handler;
        }

        public int Calls => _handler.Calls;

        public string? RetryAfterSeconds
        {
            get => _handler.RetryAfter;
            init => _handler.RetryAfter = value;
        }

        public string? ErrorBody
        {
            get => _handler.ErrorBody;
            init => _handler.ErrorBody = value;
        }

        private sealed class Handler(int[] statuses) : HttpMessageHandler
        {
            private int _calls;

            public int Calls => Volatile.Read(ref _calls);

            public string? RetryAfter { get; set; }

            public string? ErrorBody { get; set; }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var n = Interlocked.Increment(ref _calls) - 1;
                var status = statuses[Math.Min(n, statuses.Length - 1)];
                var response = new HttpResponseMessage((System.Net.HttpStatusCode)status)
                {
                    Content = new StringContent(status < 400 ? "{\"object\":\"list\",\"data\":[]}" : ErrorBody ?? "{\"error\":{\"message\":\"busy\"}}", System.Text.Encoding.UTF8, "application/json"),
                };
                if (status >= 400 && RetryAfter is not null)
                {
                    response.Headers.TryAddWithoutValidation("retry-after", RetryAfter);
                }

                return Task.FromResult(response);
            }
        }
    }
}
