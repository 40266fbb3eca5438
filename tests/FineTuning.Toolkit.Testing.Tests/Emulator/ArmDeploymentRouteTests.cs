using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

public sealed class ArmDeploymentRouteTests
{
    private const string Account = "subscriptions/sub/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct";
    private const string Body = "{\"sku\":{\"name\":\"DeveloperTier\",\"capacity\":2},\"properties\":{\"model\":{\"format\":\"OpenAI\",\"name\":\"gpt-4o-mini-2024-07-18\",\"version\":\"1\"}}}";

    [Fact]
    public async Task Deployments_provision_on_the_emulator_clock_answer_chat_by_name_and_developer_ones_expire()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { TimeProvider = clock });
        using var arm = new HttpClient { BaseAddress = emulator.ArmBaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        arm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
        using var chat = Raw.Client(emulator, azure: true);
        const string path = Account + "/deployments/dev?api-version=2025-06-01";
        const string ask = "{\"model\":\"dev\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        var (status, body, _) = await Raw.SendAsync(arm, HttpMethod.Put, Account + "/deployments/dev", Body);
        Assert.Equal(400, status);
        Assert.Equal("MissingApiVersionParameter", body["error"]!["code"]!.GetValue<string>());

        (status, body, _) = await Raw.SendAsync(arm, HttpMethod.Put, path, Body.Replace("DeveloperTier", "Premium", StringComparison.Ordinal));
        Assert.Equal(400, status);
        Assert.Equal("InvalidSkuName", body["error"]!["code"]!.GetValue<string>());

        (status, body, _) = await Raw.SendAsync(arm, HttpMethod.Put, path, Body);
        Assert.Equal(201, status);
        Assert.Equal("Creating", body["properties"]!["provisioningState"]!.GetValue<string>());
        Assert.Equal(2, body["sku"]!["capacity"]!.GetValue<int>());

        (status, body, _) = await Raw.SendAsync(chat, HttpMethod.Post, "chat/completions", ask);
        Assert.Equal(400, status);
        Assert.Equal("DeploymentNotReady", body["error"]!["code"]!.GetValue<string>());

        clock.Advance(TimeSpan.FromSeconds(31));
        (status, body, _) = await Raw.SendAsync(arm, HttpMethod.Get, path);
        Assert.Equal(200, status);
        Assert.Equal("Succeeded", body["properties"]!["provisioningState"]!.GetValue<string>());
        (status, body, _) = await Raw.SendAsync(chat, HttpMethod.Post, "chat/completions", ask);
        Assert.Equal(200, status);
        Assert.Equal("gpt-4o-mini-2024-07-18", body["model"]!.GetValue<string>());

        (status, body, _) = await Raw.SendAsync(arm, HttpMethod.Put, path, Body);
        Assert.Equal(200, status);
        Assert.Equal("Updating", body["properties"]!["provisioningState"]!.GetValue<string>());

        clock.Advance(TimeSpan.FromHours(25));
        (status, _, _) = await Raw.SendAsync(arm, HttpMethod.Get, path);
        Assert.Equal(404, status);
        using var delete = await arm.DeleteAsync(path);
        Assert.Equal(204, (int)delete.StatusCode);

        using var anonymous = new HttpClient { BaseAddress = emulator.ArmBaseUrl };
        using var refused = await anonymous.GetAsync(Account + "/deployments?api-version=2025-06-01");
        Assert.Equal(401, (int)refused.StatusCode);
    }
}
