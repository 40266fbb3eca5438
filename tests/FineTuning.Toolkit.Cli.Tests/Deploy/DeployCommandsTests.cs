using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Cli;
using FineTuning.Toolkit.Cli.Tests.Jobs;
using FineTuning.Toolkit.Testing;
using OpenAI.Chat;

namespace FineTuning.Toolkit.Cli.Tests.Deploy;

/// <summary>Train with a training type, deploy, chat the deployment, list and delete, all through <c>ftk</c> against the emulator. They set environment variables, so they run alone.</summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class DeployCommandsTests
{
    private static readonly string[] s_variables =
    [
        "OPENAI_API_KEY", "FTK_PROVIDER", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT", "AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP",
        "AZURE_OPENAI_ACCOUNT", "AZURE_MANAGEMENT_ENDPOINT", "AZURE_MANAGEMENT_TOKEN",
    ];

    [Fact]
    public async Task Train_deploy_chat_list_and_delete_end_to_end()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Speed = 100, StepsPerEpoch = 4, DeploymentProvisioningDuration = TimeSpan.Zero });
        var folder = Path.Combine(Path.GetTempPath(), "ftk-cli-deploy-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var saved = s_variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var v in s_variables)
            {
                Environment.SetEnvironmentVariable(v, null);
            }

            Environment.SetEnvironmentVariable("AZURE_OPENAI_API_KEY", emulator.ApiKey);
            Environment.SetEnvironmentVariable("AZURE_OPENAI_ENDPOINT", emulator.AzureBaseUrl.ToString());
            Environment.SetEnvironmentVariable("AZURE_SUBSCRIPTION_ID", "00000000-0000-0000-0000-000000000000");
            Environment.SetEnvironmentVariable("AZURE_RESOURCE_GROUP", "rg-cli");
            Environment.SetEnvironmentVariable("AZURE_OPENAI_ACCOUNT", "acct-cli");
            Environment.SetEnvironmentVariable("AZURE_MANAGEMENT_ENDPOINT", emulator.ArmBaseUrl.ToString());
            Environment.SetEnvironmentVariable("AZURE_MANAGEMENT_TOKEN", emulator.ApiKey);
            var data = Path.Combine(folder, "train.jsonl");
            var text = new StringBuilder();
            for (var i = 0; i < 12; i++)
            {
                text.Append("{\"messages\":[{\"role\":\"user\",\"content\":\"q").Append(i).Append("\"},{\"role\":\"assistant\",\"content\":\"a").Append(i).Append("\"}]}\n");
            }

            await File.WriteAllTextAsync(data, text.ToString());

            var (code, output, error) = await RunAsync("train", data, "--model", "gpt-4o-mini-2024-07-18", "--training-type", "premium", "--yes");
            Assert.Equal(2, code);
            Assert.Contains("--training-type 'premium'", error, StringComparison.Ordinal);

            (code, output, error) = await RunAsync("train", data, "--model", "gpt-4o-mini-2024-07-18", "--epochs", "1", "--training-type", "developer", "--yes", "--wait");
            Assert.True(code == 0, output + error);
            var model = Assert.Single(emulator.State.GetJobs()).FineTunedModel;
            Assert.NotNull(model);

            (code, output, error) = await RunAsync("deploy", model, "--name", "cli-dev", "--sku", "developer", "--wait", "--json");
            Assert.True(code == 0, output + error);
            var deployed = JsonDocument.Parse(output).RootElement;
            Assert.Equal("cli-dev", deployed.GetProperty("name").GetString());
            Assert.Equal("DeveloperTier", deployed.GetProperty("sku").GetString());
            Assert.Equal("Succeeded", deployed.GetProperty("provisioning_state").GetString());
            Assert.True(deployed.GetProperty("ready").GetBoolean());
            Assert.Contains("24 hours", deployed.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);

            ChatCompletion answer = await emulator.CreateAzureFlavoredClient().GetChatClient("cli-dev").CompleteChatAsync([new UserChatMessage("q4")]);
            Assert.Equal("a4", answer.Content[0].Text);

            // Evaluate the deployment by its name against the base model's deployment, priced at the deployed model's Azure rates.
            var set = Path.Combine(folder, "eval.jsonl");
            await File.WriteAllTextAsync(set, text.ToString());
            (code, output, error) = await RunAsync("eval", set, "--provider", "azure", "--target", "base=gpt-4o-mini", "--target", "tuned=cli-dev",
                "--scorer", "exact", "--out", Path.Combine(folder, "run"), "--no-cache", "--json");
            Assert.True(code == 0, output + error);
            Assert.Contains("cli-dev: an Azure deployment of " + model, error, StringComparison.Ordinal);
            var targets = JsonDocument.Parse(output).RootElement.GetProperty("targets");
            Assert.Equal(1.0, targets[1].GetProperty("scores").GetProperty("exact").GetProperty("mean").GetDouble());
            var tunedCost = targets[1].GetProperty("cost_usd").GetDecimal();
            var tokens = targets[1].GetProperty("input_tokens").GetInt64();
            var outputTokens = targets[1].GetProperty("output_tokens").GetInt64();
            var azure = FineTuning.Toolkit.Models.ModelCatalog.BuiltIn.Find("azure", "gpt-4o-mini-2024-07-18")!.Pricing;
            Assert.Equal(((tokens * azure.FineTunedInputPerMillionTokens!.Value) + (outputTokens * azure.FineTunedOutputPerMillionTokens!.Value)) / 1_000_000m, tunedCost);

            (code, output, error) = await RunAsync("deployments", "list", "--json");
            Assert.True(code == 0, output + error);
            Assert.Equal(model, JsonDocument.Parse(output).RootElement[0].GetProperty("model").GetString());

            (code, output, _) = await RunAsync("deployments", "list");
            Assert.Equal(0, code);
            Assert.Contains("cli-dev: DeveloperTier x1", output, StringComparison.Ordinal);

            (code, output, error) = await RunAsync("deployments", "delete", "cli-dev", "--json");
            Assert.True(code == 0, output + error);
            Assert.True(JsonDocument.Parse(output).RootElement.GetProperty("deleted").GetBoolean());

            (code, output, _) = await RunAsync("deployments", "delete", "cli-dev");
            Assert.Equal(1, code);
            Assert.Contains("no deployment named cli-dev", output, StringComparison.Ordinal);
            Assert.DoesNotContain(emulator.ApiKey, output + error, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var (v, value) in saved)
            {
                Environment.SetEnvironmentVariable(v, value);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Deploy_names_the_missing_arm_settings_and_refuses_openai()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var saved = s_variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var v in s_variables)
            {
                Environment.SetEnvironmentVariable(v, null);
            }

            Environment.SetEnvironmentVariable("AZURE_OPENAI_API_KEY", emulator.ApiKey);
            var (code, _, error) = await RunAsync("deploy", "m.ft-1", "--name", "x", "--provider", "azure", "--base-url", emulator.AzureBaseUrl.ToString());
            Assert.Equal(2, code);
            Assert.Contains("AZURE_SUBSCRIPTION_ID", error, StringComparison.Ordinal);

            Environment.SetEnvironmentVariable("OPENAI_API_KEY", emulator.ApiKey);
            (code, _, error) = await RunAsync("deployments", "list", "--provider", "openai", "--base-url", emulator.BaseUrl.ToString());
            Assert.Equal(2, code);
            Assert.Contains("only on Azure", error, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var (v, value) in saved)
            {
                Environment.SetEnvironmentVariable(v, value);
            }
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
