using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using FineTuning.Toolkit.Cli;

namespace FineTuning.Toolkit.Cli.Tests.Emulator;

public sealed partial class EmulatorCommandTests
{
    [Fact]
    public async Task Emulator_command_serves_the_api_on_loopback_until_cancelled_and_says_it_trains_nothing()
    {
        using var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var error = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = CliApp.RunAsync(["emulator", "--api-key", "sk-cli-test-key", "--speed", "100"], synchronized, error, cts.Token);

        Uri? url = null;
        for (var i = 0; i < 300 && url is null && !run.IsCompleted; i++)
        {
            await Task.Delay(100);
            var match = UrlPattern().Match(output.ToString());
            if (match.Success) url = new Uri(match.Value.EndsWith('/') ? match.Value : match.Value + "/");
        }

        Assert.True(url is not null, "no URL printed: " + output + error);
        Assert.Equal("127.0.0.1", url!.Host);
        Assert.Contains("nothing is trained", output.ToString(), StringComparison.OrdinalIgnoreCase);

        using var http = new HttpClient();
        using (var anonymous = await http.GetAsync(new Uri(url, "models")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "models"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-cli-test-key");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"object\":\"list\"", (await response.Content.ReadAsStringAsync()).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        await cts.CancelAsync();
        var code = await run;
        Assert.Contains(code, new[] { 0, 130 });
    }

    [Fact]
    public async Task Emulator_refuses_a_data_path_that_is_a_file()
    {
        var path = Path.GetTempFileName();
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = await CliApp.RunAsync(["emulator", "--data", path], output, error, CancellationToken.None);
            Assert.Equal(ExitCodes.UsageOrIo, code);
            Assert.Contains("is a file", error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("saved", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/v1/?")]
    private static partial Regex UrlPattern();
}
