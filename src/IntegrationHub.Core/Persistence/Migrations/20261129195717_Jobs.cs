using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Jobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_sync_runs_queued_at1",
                table: "sync_runs",
                column: "queued_at",
                filter: "job_id IS NULL AND status = 'Queued'");

            migrationBuilder.CreateIndex(
                name: "ix_sync_runs_tenant_id_status_finished_at",
                table: "sync_runs",
                columns: new[] { "tenant_id", "status", "finished_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sync_runs_queued_at1",
                table: "sync_runs");

            migrationBuilder.DropIndex(
                name: "ix_sync_runs_tenant_id_status_finished_at",
                table: "sync_runs");
        }
    }
}
