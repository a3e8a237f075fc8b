using Caravan.Core.Audit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Core.Identity.Staff;

public static class StaffServiceCollectionExtensions
{
    public static IServiceCollection AddStaffAdministration(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<StaffOptions>().Bind(config.GetSection(StaffOptions.Section));
        services.AddScoped<AuditRefusals>();
        services.AddScoped<StaffScope>();
        services.AddScoped<StaffInvitations>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<StaffDirectory>();
        services.AddScoped<StaffPolicies>();
        return services;
    }
}
