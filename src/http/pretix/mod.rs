//! The pretix dialect under `/api/v1/`: pretix 2026's REST API for the resources Tessera keeps.

mod customers;
mod devices;
pub(crate) mod events;
pub(crate) mod input;
pub(crate) mod memberships;
mod organizers;
mod pagination;
mod resellers;
mod teams;
mod vouchers;
mod waitinglist;

use axum::middleware::from_fn_with_state;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::{Resource, guard};
use crate::app::App;

pub fn router(app: &App) -> OpenApiRouter<App> {
    let organizer = OpenApiRouter::new()
        .routes(routes!(organizers::retrieve))
        .route_layer(from_fn_with_state((app.clone(), Resource::Organizer), guard));
    let customers = OpenApiRouter::new()
        .routes(routes!(customers::list, customers::create))
        .routes(routes!(
            customers::retrieve,
            customers::update,
            customers::partial_update,
            customers::destroy
        ))
        .routes(routes!(customers::anonymize))
        .route_layer(from_fn_with_state((app.clone(), Resource::Customers), guard));
    let membership_types = OpenApiRouter::new()
        .routes(routes!(memberships::list_types, memberships::create_type))
        .routes(routes!(
            memberships::retrieve_type,
            memberships::update_type,
            memberships::partial_update_type,
            memberships::destroy_type
        ))
        .route_layer(from_fn_with_state((app.clone(), Resource::MembershipTypes), guard));
    let memberships = OpenApiRouter::new()
        .routes(routes!(memberships::list, memberships::create))
        .routes(routes!(
            memberships::retrieve,
            memberships::update,
            memberships::partial_update,
            memberships::destroy
        ))
        .routes(routes!(memberships::list_uses, memberships::record_use))
        .routes(routes!(memberships::void_use))
        .route_layer(from_fn_with_state((app.clone(), Resource::Customers), guard));
    let organizer_devices = OpenApiRouter::new()
        .routes(routes!(devices::list, devices::create))
        .routes(routes!(devices::retrieve, devices::update, devices::partial_update))
        .route_layer(from_fn_with_state((app.clone(), Resource::Devices), guard));
    let teams = OpenApiRouter::new()
        .routes(routes!(teams::list, teams::create))
        .routes(routes!(teams::retrieve, teams::update, teams::partial_update, teams::destroy))
        .routes(routes!(teams::list_tokens, teams::create_token))
        .routes(routes!(teams::retrieve_token, teams::destroy_token))
        .routes(routes!(teams::list_members))
        .routes(routes!(teams::retrieve_member, teams::remove_member))
        .routes(routes!(teams::list_invites, teams::create_invite))
        .routes(routes!(teams::retrieve_invite, teams::destroy_invite))
        .route_layer(from_fn_with_state((app.clone(), Resource::Teams), guard));
    let events = OpenApiRouter::new()
        .routes(routes!(events::organizer_settings, events::patch_organizer_settings))
        .routes(routes!(events::list, events::create))
        .routes(routes!(events::retrieve, events::update, events::partial_update, events::destroy))
        .routes(routes!(events::settings, events::patch_settings))
        .routes(routes!(events::list_subevents, events::create_subevent))
        .routes(routes!(
            events::retrieve_subevent,
            events::update_subevent,
            events::partial_update_subevent,
            events::destroy_subevent
        ))
        .routes(routes!(events::list_items, events::create_item))
        .routes(routes!(
            events::retrieve_item,
            events::update_item,
            events::partial_update_item,
            events::destroy_item
        ))
        .routes(routes!(events::list_variations, events::create_variation))
        .routes(routes!(
            events::retrieve_variation,
            events::update_variation,
            events::partial_update_variation,
            events::destroy_variation
        ))
        .routes(routes!(events::list_quotas, events::create_quota))
        .routes(routes!(
            events::retrieve_quota,
            events::update_quota,
            events::partial_update_quota,
            events::destroy_quota
        ))
        .routes(routes!(events::quota_availability))
        .routes(routes!(vouchers::list, vouchers::create))
        .routes(routes!(vouchers::batch_create))
        .routes(routes!(vouchers::retrieve, vouchers::update, vouchers::partial_update, vouchers::destroy))
        .routes(routes!(vouchers::redeem))
        .routes(routes!(vouchers::redemptions))
        .routes(routes!(waitinglist::list, waitinglist::create))
        .routes(routes!(
            waitinglist::retrieve,
            waitinglist::update,
            waitinglist::partial_update,
            waitinglist::destroy
        ))
        .routes(routes!(waitinglist::send_voucher))
        .route_layer(from_fn_with_state((app.clone(), Resource::Organizer), guard));
    OpenApiRouter::new()
        .routes(routes!(organizers::list))
        .routes(routes!(resellers::list))
        .routes(routes!(resellers::retrieve))
        .routes(routes!(resellers::create_organizer))
        .merge(events)
        .merge(teams)
        .routes(routes!(devices::initialize))
        .routes(routes!(devices::update_self))
        .routes(routes!(devices::roll))
        .routes(routes!(devices::revoke))
        .routes(routes!(devices::info))
        .routes(routes!(devices::event_selection))
        .merge(organizer_devices)
        .merge(organizer)
        .merge(customers)
        .merge(membership_types)
        .merge(memberships)
}
