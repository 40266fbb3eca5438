using System.Text.Json;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Jobs.Methods;
using FineTuning.Toolkit.Jobs.Graders;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class JobModelTests
{
    [Fact]
    public void Status_is_open_and_case_insensitive()
    {
        Assert.Equal(FineTuningJobStatus.Paused, new FineTuningJobStatus("PAUSED"));
        Assert.True(new FineTuningJobStatus("paused").IsPaused);
        Assert.False(FineTuningJobStatus.Paused.IsTerminal);
        Assert.True(FineTuningJobStatus.Cancelled.IsTerminal);
        Assert.True(FineTuningJobStatus.Pending.IsWaiting);
        var unknown = new FineTuningJobStatus("preempted");
        Assert.Equal("preempted", unknown.ToString());
        Assert.False(unknown.IsTerminal);
        Assert.Equal("unknown", default(FineTuningJobStatus).Value);
    }

    [Fact]
    public void Hyperparameters_are_auto_or_numbers()
    {
        Assert.True(HyperparameterValue.Auto.IsAuto);
        Assert.Equal("auto", HyperparameterValue.Parse("AUTO").ToString());
        Assert.Equal(3.0, HyperparameterValue.Parse("3").Value);
        Assert.Throws<FormatException>(() => HyperparameterValue.Parse("many"));
        Assert.Throws<ArgumentOutOfRangeException>(() => HyperparameterValue.FromNumber(double.NaN));
    }

    [Fact]
    public void Request_json_has_the_documented_shape()
    {
        var request = new FineTuningJobRequest
        {
            Model = "gpt-4o-mini",
            TrainingFileId = "file-a",
            ValidationFileId = "file-b",
            Suffix = "s",
            Seed = 1,
            Method = new DpoTraining { Epochs = 2, Beta = 0.25 },
            Wandb = new WandbIntegration { Project = "p", Tags = ["t"] },
            AzureTrainingType = AzureTrainingType.Developer,
            ExtraBodyJson = new Dictionary<string, string> { ["prompt_loss_weight"] = "0.1" },
        };
        var openai = JsonDocument.Parse(request.ToJson(includeAzureFields: false).ToJsonString()).RootElement;
        Assert.Equal("dpo", openai.GetProperty("method").GetProperty("type").GetString());
        var hyper = openai.GetProperty("method").GetProperty("dpo").GetProperty("hyperparameters");
        Assert.Equal(2, hyper.GetProperty("n_epochs").GetInt32());
        Assert.Equal("auto", hyper.GetProperty("batch_size").GetString());
        Assert.Equal(0.25, hyper.GetProperty("beta").GetDouble());
        Assert.Equal("wandb", openai.GetProperty("integrations")[0].GetProperty("type").GetString());
        Assert.False(openai.TryGetProperty("trainingType", out _));
        Assert.Equal(0.1, openai.GetProperty("prompt_loss_weight").GetDouble());
        var azure = JsonDocument.Parse(request.ToJson(includeAzureFields: true).ToJsonString()).RootElement;
        Assert.Equal("developerTier", azure.GetProperty("trainingType").GetString());
    }

    [Fact]
    public void Request_validation_names_each_problem()
    {
        var request = new FineTuningJobRequest
        {
            Model = "m",
            TrainingFileId = "f",
            Suffix = new string('x', 65),
            Method = new ReinforcementTraining(new LabelModelGrader("l", "gpt-4o", [new("user", "x")], ["a"], ["a"])) { Epochs = 0, ComputeMultiplier = 11 },
        };
        var errors = request.Validate();
        Assert.Contains(errors, e => e.Contains("suffix", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("n_epochs", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("label_model", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("compute_multiplier", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("validation file", StringComparison.Ordinal));
    }

    [Fact]
    public void Graders_serialise_with_their_type_fields()
    {
        var python = new PythonGrader("py", "def grade(sample, item):\n    return 1.0\n");
        Assert.Empty(python.Validate());
        Assert.Equal("python", python.ToJson()["type"]!.GetValue<string>());
        var score = new ScoreModelGrader("s", "gpt-4o-2024-08-06", [new("user", "Rate {{sample.output_text}}")]) { Range = (0, 10), Temperature = 0 };
        var json = score.ToJson();
        Assert.Equal(10, json["range"]![1]!.GetValue<double>());
        Assert.Equal("user", json["input"]![0]!["role"]!.GetValue<string>());
        Assert.NotEmpty(new StringCheckGrader("x", "a", "b", "contains").Validate());
        Assert.NotEmpty(new TextSimilarityGrader("x", "a", "b", "nope").Validate());
    }

    [Fact]
    public void Job_json_tolerates_empty_error_objects_and_unknown_statuses()
    {
        var job = JobJson.Job(JsonDocument.Parse("""
            {"id":"ftjob-1","object":"fine_tuning.job","model":"gpt-4o-mini-2024-07-18","status":"paused","created_at":1700000000,
             "error":{},"result_files":["file-r"],"metadata":{"k":"v"},"method":{"type":"supervised","supervised":{"hyperparameters":{"n_epochs":3,"batch_size":"auto"}}}}
            """).RootElement);
        Assert.Null(job.Error);
        Assert.Equal(FineTuningJobStatus.Paused, job.Status);
        Assert.Equal("3", job.Hyperparameters["n_epochs"]);
        Assert.Equal("auto", job.Hyperparameters["batch_size"]);
        Assert.Equal(["file-r"], job.ResultFileIds);

        var failed = JobJson.Job(JsonDocument.Parse("""{"id":"ftjob-2","status":"failed","error":{"code":"invalid_training_file","message":"bad","param":"training_file"}}""").RootElement);
        Assert.Equal("training_file", failed.Error!.Param);
    }
}
