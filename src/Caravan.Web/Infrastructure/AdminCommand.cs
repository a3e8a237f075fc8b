using Caravan.Core.Identity.Staff;
using Caravan.Core.Node;
using Microsoft.Extensions.Options;

namespace Caravan.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/Caravan.Web -- create-admin EMAIL</c>: the first administrator of a node. It prints a
/// one-time link to set the password; whoever runs it has the server, so the link is shown here and sent nowhere.
/// </summary>
public static class AdminCommand
{
    public const string Name = "create-admin";

    public static async Task<int> RunAsync(WebApplication app, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var at = args.ToList().IndexOf(Name);
        if (at < 0 || at + 1 >= args.Count)
        {
            await Console.Error.WriteLineAsync($"usage: {Name} EMAIL");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var invitations = scope.ServiceProvider.GetRequiredService<StaffInvitations>();
        var (invitation, problem) = await invitations.CreateAdministratorAsync(args[at + 1]);
        if (invitation is null)
        {
            await Console.Error.WriteLineAsync(problem);
            return 1;
        }

        var node = scope.ServiceProvider.GetRequiredService<IOptions<NodeOptions>>().Value;
        Console.WriteLine($"Administrator {invitation.User.Email} created. Open this link within {invitation.Row.ExpiresAt - invitation.Row.CreatedAt:%d} days to set the password, then set up two-step sign-in:");
        Console.WriteLine(InvitationLinks.For(node.PublicUrl, invitation));
        return 0;
    }
}

public static class InvitationLinks
{
    public static Uri For(Uri publicUrl, Invitation invitation)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        ArgumentNullException.ThrowIfNull(invitation);
        return new Uri(publicUrl, $"account/invitation/{invitation.Row.Id}?token={Uri.EscapeDataString(invitation.Token)}");
    }
}
