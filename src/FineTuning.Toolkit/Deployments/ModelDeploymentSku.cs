namespace FineTuning.Toolkit.Deployments;

/// <summary>The deployment type (ARM <c>sku.name</c>) of a deployed fine-tuned model.</summary>
public enum ModelDeploymentSku
{
    /// <summary>Regional deployment (<c>Standard</c>), with data residency; hourly hosting fee.</summary>
    Standard,

    /// <summary>Global deployment (<c>GlobalStandard</c>); hourly hosting fee.</summary>
    GlobalStandard,

    /// <summary>Developer deployment (<c>DeveloperTier</c>): no hosting fee and no SLA; Azure deletes it after 24 hours.</summary>
    Developer,
}
