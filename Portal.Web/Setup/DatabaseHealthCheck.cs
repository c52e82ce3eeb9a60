using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Infrastructure.Database;

namespace Portal.Web.Setup;

/// <summary>Ready means the database answers.</summary>
public class DatabaseHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await PortalDatabase.CanConnectAsync(services, cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
