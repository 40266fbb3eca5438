namespace FineTuning.Toolkit;

/// <summary>
/// The Azure OpenAI / Microsoft Foundry training tier, sent as the Azure-only <c>trainingType</c> field of a fine-tuning
/// job. Azure refuses a job without one for some models ("The specified base model does not support fine-tuning"), so
/// the toolkit always sends one on Azure: the request's, else <see cref="FineTuningToolkitOptions.AzureTrainingType"/>,
/// else the model's default tier in the model catalog.
/// </summary>
public enum AzureTrainingType
{
    /// <summary>Regional training in the resource's region, with data residency (<c>Standard</c>).</summary>
    Standard,

    /// <summary>Global training: may train in any region, 10-30% cheaper than Standard (<c>GlobalStandard</c>).</summary>
    GlobalStandard,

    /// <summary>Developer tier (preview): spot capacity at half the Global price, no SLA; its deployments last 24 hours (<c>developerTier</c>).</summary>
    Developer,
}
