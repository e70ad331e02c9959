plugins {
    java
    id("com.google.cloud.tools.jib") version "3.4.4"
}

val baseImage by extra("gcr.io/distroless/java21-debian12:nonroot")
val registry: String by project

jib {
    from {
        image = baseImage
    }
    to {
        image = "$registry/hello-kotlin:latest"
    }
}
