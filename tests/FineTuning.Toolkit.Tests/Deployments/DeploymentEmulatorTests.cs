using System.ClientModel;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Deployments;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Tests.Jobs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using FineTuning.Toolkit.Jobs.Methods;

namespace FineTuning.Toolkit.Tests.Deployments;

public sealed class DeploymentEmulatorTests
{
    [Fact]
    public async Task Train_with_a_training_type_then_deploy_chat_list_and_delete()
    {
        await using var host = await StartAsync();
        var upload = await host.Uploader.UploadAsync(host.WriteDataset());
        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest
        {
            Model = "gpt-4o-mini",
            TrainingFileId = upload.File.Id,
            AzureTrainingType = AzureTrainingType.Developer,
            Method = new SupervisedTraining { Epochs = 1 },
        });
        job = await host.Monitor.WaitForCompletionAsync(job.Id, TimeSpan.FromSeconds(60));
        Assert.Equal(FineTuningJobStatus.Succeeded, job.Status);
        var model = Assert.IsType<string>(job.FineTunedModel);

        var deployments = host.Services.GetRequiredService<IModelDeploymentClient>();
        var created = await deployments.CreateOrUpdateAsync(new ModelDeploymentRequest { Name = "tickets-dev", Model = model, Sku = ModelDeploymentSku.Developer });
        Assert.Equal("Creating", created.ProvisioningState);
        Assert.Equal("DeveloperTier", created.Sku);
        Assert.Equal("OpenAI", created.ModelFormat);
        Assert.False(created.Ready);
        Assert.Contains(created.Warnings, w => w.Contains("24 hours", StringComparison.Ordinal));

        var connection = host.Services.GetRequiredService<IFineTuningConnection>();
        var early = await Assert.ThrowsAsync<ClientResultException>(() => connection.GetChatClient("tickets-dev").GetResponseAsync("Question 3?"));
        Assert.Equal(400, early.Status);

        var ready = await deployments.WaitUntilReadyAsync("tickets-dev", TimeSpan.FromSeconds(30));
        Assert.True(ready.Ready);
        Assert.Equal("Succeeded", ready.ProvisioningState);
        Assert.Equal(model, ready.Model);

        var answer = await connection.GetChatClient("tickets-dev").GetResponseAsync("Question 3?");
        Assert.Equal("Answer 3.", answer.Text);

        var listed = new List<ModelDeployment>();
        await foreach (var d in deployments.ListAsync())
        {
            listed.Add(d);
        }

        Assert.Equal("tickets-dev", Assert.Single(listed).Name);
        Assert.True(await deployments.DeleteAsync("tickets-dev"));
        Assert.Null(await deployments.GetAsync("tickets-dev"));
        Assert.False(await deployments.DeleteAsync("tickets-dev"));
    }

    [Fact]
    public async Task Standard_deployment_warns_about_hosting_and_the_arm_call_is_retried_by_the_toolkit_policy()
    {
        await using var host = await StartAsync();
        var upload = await host.Uploader.UploadAsync(host.WriteDataset());
        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFileId = upload.File.Id, Method = new SupervisedTraining { Epochs = 1 } });
        job = await host.Monitor.WaitForCompletionAsync(job.Id, TimeSpan.FromSeconds(60));
        var deployments = host.Services.GetRequiredService<IModelDeploymentClient>();
        host.Emulator.Faults.Add("* *: 503*1");

        var created = await deployments.CreateOrUpdateAsync(new ModelDeploymentRequest { Name = "tickets", Model = job.FineTunedModel!, Sku = ModelDeploymentSku.Standard, Capacity = 5 });
        Assert.Equal(1, host.Emulator.Faults.TotalInjected);
        Assert.Equal("Standard", created.Sku);
        Assert.Equal(5, created.Capacity);
        Assert.Contains(created.Warnings, w => w.Contains("$1.70 per hour", StringComparison.Ordinal) && w.Contains("15 days", StringComparison.Ordinal));
        var puts = host.Emulator.State.GetRequests().Where(r => r.Method == "PUT").ToList();
        Assert.Equal([503, 201], puts.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task An_unknown_model_is_refused_with_the_service_message()
    {
        await using var host = await StartAsync();
        var deployments = host.Services.GetRequiredService<IModelDeploymentClient>();
        var error = await Assert.ThrowsAsync<FineTuningApiException>(() => deployments.CreateOrUpdateAsync(new ModelDeploymentRequest { Name = "x", Model = "gpt-4o-mini-2024-07-18.ft-0000" }));
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("DeploymentModelNotSupported", error.ErrorCode);
        await Assert.ThrowsAsync<ArgumentException>(() => deployments.CreateOrUpdateAsync(new ModelDeploymentRequest { Name = "bad name!", Model = "m", Capacity = 0 }));
    }

    [Fact]
    public async Task Missing_arm_settings_name_the_settings_and_environment_variables()
    {
        await using var provider = new ServiceCollection().AddFineTuning(o =>
        {
            o.UseEnvironmentVariables = false;
            o.Provider = FineTuningProvider.Azure;
            o.Endpoint = new Uri("https://example.openai.azure.com");
            o.ApiKey = "k";
        }).Services.BuildServiceProvider();
        var deployments = provider.GetRequiredService<IModelDeploymentClient>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => deployments.GetAsync("x"));
        Assert.Contains("AZURE_SUBSCRIPTION_ID", error.Message, StringComparison.Ordinal);
        Assert.Contains("AZURE_RESOURCE_GROUP", error.Message, StringComparison.Ordinal);
        Assert.Contains("AZURE_OPENAI_ACCOUNT", error.Message, StringComparison.Ordinal);
        Assert.Contains("AZURE_MANAGEMENT_TOKEN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_fills_the_arm_settings_and_the_token_stays_secret()
    {
        var env = new Dictionary<string, string>
        {
            ["AZURE_SUBSCRIPTION_ID"] = "sub",
            ["AZURE_RESOURCE_GROUP"] = "rg",
            ["AZURE_OPENAI_ACCOUNT"] = "acct",
            ["AZURE_MANAGEMENT_ENDPOINT"] = "http://127.0.0.1:5/arm/",
            ["AZURE_MANAGEMENT_TOKEN"] = "secret-token-value",
        };
        var options = new FineTuningToolkitOptions { Provider = FineTuningProvider.Azure };
        ConnectionResolver.ApplyEnvironment(options, name => env.GetValueOrDefault(name));
        Assert.Equal("sub", options.Azure.SubscriptionId);
        Assert.Equal("rg", options.Azure.ResourceGroup);
        Assert.Equal("acct", options.Azure.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:5/arm/"), options.Azure.ManagementEndpoint);
        Assert.DoesNotContain("secret-token-value", options.Azure.ToString(), StringComparison.Ordinal);

        var bad = new FineTuningToolkitOptions { Provider = FineTuningProvider.Azure };
        ConnectionResolver.ApplyEnvironment(bad, name => name == "AZURE_MANAGEMENT_ENDPOINT" ? "not a url" : null);
        Assert.Contains(bad.EnvironmentErrors, e => e.Contains("AZURE_MANAGEMENT_ENDPOINT", StringComparison.Ordinal));
    }

    [Fact]
    public void Sku_spellings_and_model_formats()
    {
        Assert.True(ArmDeploymentClient.TryParseSku("developer", out var dev));
        Assert.Equal("DeveloperTier", ArmDeploymentClient.SkuName(dev));
        Assert.True(ArmDeploymentClient.TryParseSku("GlobalStandard", out var global));
        Assert.Equal(ModelDeploymentSku.GlobalStandard, global);
        Assert.False(ArmDeploymentClient.TryParseSku("ptu", out _));
        Assert.Equal("OpenAI", ArmDeploymentClient.InferFormat("gpt-4.1-mini-2025-04-14.ft-0123abcd"));
        // ARM takes the publisher's format for open-weight fine-tunes ("OpenAI-OSS" is the az CLI's spelling).
        Assert.Equal("Microsoft", ArmDeploymentClient.InferFormat("gpt-oss-20b.ft-0123abcd"));
        Assert.Equal("Microsoft", ArmDeploymentClient.InferFormat("gpt-oss-20b-11.ft-0123abcd-tickets"));
        Assert.Equal("Mistral AI", ArmDeploymentClient.InferFormat("Ministral-3B.ft-0123abcd"));
        Assert.Equal("Meta", ArmDeploymentClient.InferFormat("Llama-3.3-70B-Instruct.ft-0123abcd"));
        Assert.Equal("Alibaba", ArmDeploymentClient.InferFormat("Qwen-32B.ft-0123abcd"));
    }

    internal static Task<JobsTestHost> StartAsync() => JobsTestHost.StartAsync(
        FineTuningProvider.Azure,
        e => e.DeploymentProvisioningDuration = TimeSpan.FromSeconds(60),
        o => ConfigureArm(o));

    internal static void ConfigureArm(FineTuningToolkitOptions o)
    {
        o.Azure.SubscriptionId = "00000000-0000-0000-0000-000000000000";
        o.Azure.ResourceGroup = "rg-test";
        o.Azure.AccountName = "acct-test";
        o.Azure.PollInterval = TimeSpan.FromMilliseconds(20);
    }
}
