using System.ComponentModel.DataAnnotations;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

public static class UserEndpoints
{
    public sealed record UserResponse(Guid UserId, string Email, string DisplayName, string Role, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);
    public sealed record AddUserRequest(
        [property: Required, EmailAddress, StringLength(256)] string Email,
        [property: Required, StringLength(200, MinimumLength = 1)] string DisplayName,
        [property: StringLength(200)] string? Password,
        [property: Required] TenantRole? Role);
    public sealed record ChangeRoleRequest([property: Required] TenantRole? Role);

    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users");
        group.MapGet("/", ListUsers).WithName("ListUsers").RequireAuthorization(TenantAccess.Read);
        group.MapPost("/", AddUser).WithName("AddUser").RequireAuthorization(TenantAccess.Admin);
        group.MapPatch("/{userId:guid}", ChangeRole).WithName("ChangeUserRole").RequireAuthorization(TenantAccess.Admin);
        group.MapDelete("/{userId:guid}", RemoveUser).WithName("RemoveUser").RequireAuthorization(TenantAccess.Admin);
        return api;
    }

    private static Task<List<UserResponse>> Query(HubDbContext db, CancellationToken ct, Guid? userId = null) =>
        db.Memberships.Where(m => userId == null || m.UserId == userId).OrderBy(m => m.User!.Email)
            .Select(m => new UserResponse(m.UserId, m.User!.Email!, m.User.DisplayName, m.Role.ToString().ToLower(), m.CreatedAt, m.User.LastSignInAt))
            .ToListAsync(ct);

    private static async Task<Ok<List<UserResponse>>> ListUsers(HubDbContext db, CancellationToken ct) => TypedResults.Ok(await Query(db, ct));

    /// <summary>Adds a member: an existing account (by email) joins the tenant; a new one is created with the given password.</summary>
    private static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> AddUser(
        AddUserRequest request, HttpContext http, HubDbContext db, UserManager<HubUser> users, CancellationToken ct)
    {
        var role = request.Role!.Value;
        if (role == TenantRole.Owner && http.User.Role() != TenantRole.Owner)
            return TypedResults.Problem(title: "Only an owner can add an owner", statusCode: StatusCodes.Status403Forbidden);

        var user = await users.FindByEmailAsync(request.Email);
        // Joining an account that already exists would attach another tenant's user without their consent; only an operator may.
        if (user is not null && !http.User.IsOperator())
            return TypedResults.Problem(title: "Account exists", detail: "An account with this email already exists; a platform operator can add it to this tenant.", statusCode: StatusCodes.Status409Conflict);
        if (user is null)
        {
            if (string.IsNullOrEmpty(request.Password))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = ["A password is required for a new account."] });
            user = new HubUser { UserName = request.Email, Email = request.Email, DisplayName = request.DisplayName.Trim(), EmailConfirmed = true };
            var created = await users.CreateAsync(user, request.Password);
            if (!created.Succeeded)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = created.Errors.Select(e => e.Description).ToArray() });
        }
        if (await db.Memberships.AnyAsync(m => m.UserId == user.Id, ct))
            return TypedResults.Problem(title: "Already a member", detail: $"{request.Email} already belongs to this tenant.", statusCode: StatusCodes.Status409Conflict);

        db.Memberships.Add(new TenantMembership { UserId = user.Id, Role = role });
        db.Audit(http.User.TenantId(), AuditActions.UserAdded, http.Actor(), "user", user.Id.ToString(), new { email = user.Email, role = role.Lower() });
        await db.SaveChangesAsync(ct);
        var response = (await Query(db, ct, user.Id)).Single();
        return TypedResults.Created($"/api/v1/users/{user.Id}", response);
    }

    private static async Task<Results<Ok<UserResponse>, NotFound, ProblemHttpResult>> ChangeRole(
        Guid userId, ChangeRoleRequest request, HttpContext http, HubDbContext db, CancellationToken ct)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == userId, ct);
        if (membership is null) return TypedResults.NotFound();
        var role = request.Role!.Value;
        if ((role == TenantRole.Owner || membership.Role == TenantRole.Owner) && http.User.Role() != TenantRole.Owner)
            return TypedResults.Problem(title: "Only an owner can grant or take the owner role", statusCode: StatusCodes.Status403Forbidden);
        if (membership.Role == TenantRole.Owner && role != TenantRole.Owner && await IsLastOwnerAsync(db, userId, ct))
            return TypedResults.Problem(title: "Last owner", detail: "A tenant must keep at least one owner.", statusCode: StatusCodes.Status409Conflict);

        var previous = membership.Role;
        membership.Role = role;
        db.Audit(membership.TenantId, AuditActions.UserRoleChanged, http.Actor(), "user", userId.ToString(), new { from = previous.Lower(), to = role.Lower() });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await Query(db, ct, userId)).Single());
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> RemoveUser(Guid userId, HttpContext http, HubDbContext db, CancellationToken ct)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == userId, ct);
        if (membership is null) return TypedResults.NotFound();
        if (membership.Role == TenantRole.Owner && http.User.Role() != TenantRole.Owner)
            return TypedResults.Problem(title: "Only an owner can remove an owner", statusCode: StatusCodes.Status403Forbidden);
        if (membership.Role == TenantRole.Owner && await IsLastOwnerAsync(db, userId, ct))
            return TypedResults.Problem(title: "Last owner", detail: "A tenant must keep at least one owner.", statusCode: StatusCodes.Status409Conflict);

        db.Memberships.Remove(membership);
        db.Audit(membership.TenantId, AuditActions.UserRemoved, http.Actor(), "user", userId.ToString());
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static Task<bool> IsLastOwnerAsync(HubDbContext db, Guid userId, CancellationToken ct) =>
        db.Memberships.AllAsync(m => m.Role != TenantRole.Owner || m.UserId == userId, ct);
}
