namespace FineTuning.Toolkit.Deployments;

/// <summary>
/// Deploys fine-tuned models on an Azure OpenAI / Microsoft Foundry account through Azure Resource Manager (the
/// control plane): create or update, wait until a deployment really answers, list, delete. Uses the toolkit's retry
/// policy and redaction; settings come from <see cref="FineTuningToolkitOptions.Azure"/> and the environment.
/// </summary>
/// <remarks>Resolve it from DI after <c>services.AddFineTuning(...)</c>. Only Azure has deployments: OpenAI serves a fine-tuned model as soon as it exists.</remarks>
public interface IModelDeploymentClient
{
    /// <summary>Creates or updates a deployment (ARM <c>PUT</c>); returns at once with the provisioning state Azure reports.</summary>
    /// <param name="request">The deployment.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The deployment, with warnings (Developer tier: deleted after 24 hours).</returns>
    /// <exception cref="ArgumentException">The request is invalid.</exception>
    /// <exception cref="InvalidOperationException">The ARM settings are missing; the message names them.</exception>
    /// <exception cref="FineTuningApiException">Azure refused the request.</exception>
    Task<ModelDeployment> CreateOrUpdateAsync(ModelDeploymentRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until a deployment is really ready: ARM <c>provisioningState</c> is <c>Succeeded</c>, then a one-token chat
    /// call by deployment name succeeds (Azure can report Succeeded before the deployment answers).
    /// </summary>
    /// <param name="name">The deployment name.</param>
    /// <param name="timeout">The longest wait; <see langword="null"/> uses <see cref="AzureManagementOptions.ReadyTimeout"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The ready deployment.</returns>
    /// <exception cref="TimeoutException">It was not ready in time.</exception>
    /// <exception cref="FineTuningApiException">Provisioning failed, or the deployment does not exist.</exception>
    Task<ModelDeployment> WaitUntilReadyAsync(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a deployment.</summary>
    /// <param name="name">The deployment name.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The deployment, or <see langword="null"/> when there is none by that name.</returns>
    Task<ModelDeployment?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Lists the account's deployments (following <c>nextLink</c>).</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The deployments.</returns>
    IAsyncEnumerable<ModelDeployment> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes a deployment (the model itself stays and can be deployed again).</summary>
    /// <param name="name">The deployment name.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);
}
