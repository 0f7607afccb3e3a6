from ninja import NinjaAPI

api = NinjaAPI(title="Mentorweb API", version="1", urls_namespace="api")
