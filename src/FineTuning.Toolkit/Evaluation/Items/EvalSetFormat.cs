namespace FineTuning.Toolkit.Evaluation.Items;

/// <summary>The line shapes an evaluation-set file may use.</summary>
public enum EvalSetFormat
{
    /// <summary>Decide per line from its keys: <c>input</c>/<c>prompt</c> → <see cref="Items"/>, <c>messages</c> → <see cref="Chat"/>, <c>question</c> → <see cref="QuestionAnswer"/>, <c>item</c> → <see cref="OpenAIEvals"/>.</summary>
    Auto = 0,

    /// <summary>The toolkit's own shape: <c>{"id", "input": [messages] | "prompt", "reference", "labels", "metadata"}</c> (see <see cref="EvalItem"/>).</summary>
    Items,

    /// <summary>A chat fine-tuning training or validation line <c>{"messages": [...]}</c>: the last assistant turn becomes the reference and the turns before it the input.</summary>
    Chat,

    /// <summary><c>{"question", "answer"}</c> rows (an optional <c>id</c> and <c>system</c>): the question is the user message, the answer the reference.</summary>
    QuestionAnswer,

    /// <summary>OpenAI-Evals-style rows <c>{"item": {...}}</c>, turned into messages by an <see cref="EvalSetTemplate"/> whose <c>{{item.x}}</c> placeholders are filled from the row.</summary>
    OpenAIEvals,
}
