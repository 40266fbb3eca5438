namespace FineTuning.Toolkit.Datasets;

/// <summary>The training-file formats accepted by OpenAI and Azure OpenAI fine-tuning.</summary>
public enum DatasetFormat
{
    /// <summary>Not known yet (auto-detect), or the line matches no format.</summary>
    Unknown = 0,

    /// <summary>Chat / supervised fine-tuning: <c>{"messages":[...], "tools"?, "parallel_tool_calls"?, "functions"?}</c>.</summary>
    Chat = 1,

    /// <summary>Preference / DPO: <c>{"input":{...}, "preferred_output":[...], "non_preferred_output":[...]}</c>.</summary>
    Preference = 2,

    /// <summary>Reinforcement fine-tuning: <c>{"messages":[...], "tools"?, ...any grader fields}</c>.</summary>
    Reinforcement = 3,

    /// <summary>Legacy completions: <c>{"prompt":"...", "completion":"..."}</c>.</summary>
    Completion = 4,
}
