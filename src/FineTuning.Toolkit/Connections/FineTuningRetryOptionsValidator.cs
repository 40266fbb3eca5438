using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Connections;

/// <summary>The source-generated check of the <see cref="FineTuningRetryOptions"/> data annotations.</summary>
[OptionsValidator]
internal sealed partial class FineTuningRetryOptionsValidator : IValidateOptions<FineTuningRetryOptions>
{
}
