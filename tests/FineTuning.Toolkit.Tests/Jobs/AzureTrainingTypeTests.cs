using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Models;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class AzureTrainingTypeTests
{
    [Theory]
    [InlineData("standard", AzureTrainingType.Standard)]
    [InlineData("GlobalStandard", AzureTrainingType.GlobalStandard)]
    [InlineData("global", AzureTrainingType.GlobalStandard)]
    [InlineData("global-standard", AzureTrainingType.GlobalStandard)]
    [InlineData("developerTier", AzureTrainingType.Developer)]
    [InlineData("Developer", AzureTrainingType.Developer)]
    public void Spellings_parse(string text, AzureTrainingType expected)
    {
        Assert.True(AzureTrainingTypes.TryParse(text, out var type));
        Assert.Equal(expected, type);
    }

    [Fact]
    public void Unknown_spelling_does_not_parse() => Assert.False(AzureTrainingTypes.TryParse("premium", out _));

    [Fact]
    public void The_catalog_default_is_the_first_listed_tier()
    {
        var catalog = new ServiceCollection().AddFineTuning(o => { o.UseEnvironmentVariables = false; o.ApiKey = "k"; })
            .Services.BuildServiceProvider().GetRequiredService<IModelCatalog>();
        Assert.Equal(AzureTrainingType.GlobalStandard, AzureTrainingTypes.DefaultFor(catalog, "gpt-oss-20b"));
        Assert.Equal(AzureTrainingType.GlobalStandard, AzureTrainingTypes.DefaultFor(catalog, "gpt-4.1-mini"));
        Assert.Null(AzureTrainingTypes.DefaultFor(catalog, "not-a-model"));
    }

    [Fact]
    public async Task Azure_job_without_a_type_sends_the_catalog_default_and_explains_the_refusal()
    {
        await using var server = await RefusingServer.StartAsync();
        await using var provider = new ServiceCollection().AddFineTuning(o =>
        {
            o.UseEnvironmentVariables = false;
            o.Provider = FineTuningProvider.Azure;
            o.Endpoint = server.Endpoint;
            o.ApiKey = "test-key";
            o.Retry.MaxRetries = 0;
        }).Services.BuildServiceProvider();
        var jobs = provider.GetRequiredService<IFineTuningJobClient>();

        var error = await Assert.ThrowsAsync<FineTuningApiException>(() => jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-oss-20b", TrainingFileId = "file-1" }));
        using var sent = JsonDocument.Parse(server.LastBody!);
        Assert.Equal("GlobalStandard", sent.RootElement.GetProperty("trainingType").GetString());
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("does not support fine-tuning", error.Message, StringComparison.Ordinal);
        Assert.Contains("GlobalStandard", error.Message, StringComparison.Ordinal);
        Assert.Contains("--training-type", error.Message, StringComparison.Ordinal);

        // An unknown model: nothing in the catalog, nothing configured, so no trainingType is sent and the hint says to set one.
        var unknown = await Assert.ThrowsAsync<FineTuningApiException>(() => jobs.CreateJobAsync(new FineTuningJobRequest { Model = "mystery-model", TrainingFileId = "file-1" }));
        using var bare = JsonDocument.Parse(server.LastBody!);
        Assert.False(bare.RootElement.TryGetProperty("trainingType", out _));
        Assert.Contains("has no trainingType", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("does not know mystery-model", unknown.Message, StringComparison.Ordinal);
    }

    /// <summary>A loopback HTTP server that answers every request like Azure refusing the job's training type.</summary>
    private sealed class RefusingServer : IAsyncDisposable
    {
        private readonly HttpListener _listener;
        private readonly Task _loop;

        private RefusingServer(HttpListener listener, Uri endpoint)
        {
            _listener = listener;
            Endpoint = endpoint;
            _loop = Task.Run(LoopAsync);
        }

        public Uri Endpoint { get; }

        public string? LastBody { get; private set; }

        public static Task<RefusingServer> StartAsync()
        {
            // HttpListener cannot bind port 0: take a free port, release it and bind it. Under parallel tests another server
            // can take the port in between, so try again with another one.
            for (var attempt = 1; ; attempt++)
            {
                using var probe = new TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                var listener = new HttpListener();
                listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                try
                {
                    listener.Start();
                    return Task.FromResult(new RefusingServer(listener, new Uri($"http://127.0.0.1:{port}/")));
                }
                catch (HttpListenerException) when (attempt < 20)
                {
                    listener.Close();
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            try
            {
                await _loop;
            }
            catch (HttpListenerException)
            {
            }
            catch (ObjectDisposedException)
            {
            }

            _listener.Close();
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                var context = await _listener.GetContextAsync();
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    LastBody = await reader.ReadToEndAsync();
                }

                var bytes = Encoding.UTF8.GetBytes("{\"error\":{\"code\":\"invalidPayload\",\"message\":\"The specified base model does not support fine-tuning.\"}}");
                context.Response.StatusCode = 400;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }
    }
}
